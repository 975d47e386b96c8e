# Judging an S3 bucket as one posture. Since hashicorp/aws v4 a bucket is
# spread over aws_s3_bucket and its companion resources; judged alone, a bucket
# looks unprotected (the false positive other scanners are known for). Give the
# companions together under the pseudo type aws_s3_bucket_posture: a missing
# companion means the S3 default for a bucket created today (Block Public
# Access on, ACLs disabled, SSE-S3), so only the controls it would satisfy
# beyond that default fail.

variable "org_id" {
  description = "AWS Organizations id whose principals may read the bucket."
  type        = string
  default     = "o-abc123example"
}

locals {
  bucket = "example-data"
  arn    = "arn:aws:s3:::${local.bucket}"
}

resource "aws_kms_key" "data" {
  description         = "example-data bucket"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "data" {
  bucket = local.bucket
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.bucket
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [local.arn, "${local.arn}/*"]
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        # Principal "*" narrowed to one organization is not public.
        Sid       = "OrgRead"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "s3:GetObject"
        Resource  = "${local.arn}/*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org_id } }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.data]
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_ownership_controls" "data" {
  bucket = aws_s3_bucket.data.bucket
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.bucket
  target_bucket = "example-access-logs"
  target_prefix = "example-data/"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.bucket
  versioning_configuration {
    status = "Enabled"
  }
}

resource "baseline_guardrail" "bucket" {
  resource_type = "aws_s3_bucket_posture"
  values = {
    bucket                               = aws_s3_bucket.data
    public_access_block                  = aws_s3_bucket_public_access_block.data
    policy                               = aws_s3_bucket_policy.data
    server_side_encryption_configuration = aws_s3_bucket_server_side_encryption_configuration.data
    ownership_controls                   = aws_s3_bucket_ownership_controls.data
    logging                              = aws_s3_bucket_logging.data
    versioning                           = aws_s3_bucket_versioning.data
  }
}

output "bucket_compliant" {
  value = baseline_guardrail.bucket.compliant
}
