# Judging an S3 bucket as one posture. Since hashicorp/aws v4 a bucket is
# spread over aws_s3_bucket and its companion resources; judged alone, a bucket
# looks unprotected (the false positive other scanners are known for). Give the
# companions together under the pseudo type aws_s3_bucket_posture: a missing
# companion is a finding of the control it would satisfy.
#
# hashicorp/aws is not downloadable offline, so terraform_data stands in for
# each resource with the same attributes. In a real module the values are the
# resources themselves:
#
#   values = {
#     bucket                               = aws_s3_bucket.data
#     public_access_block                  = aws_s3_bucket_public_access_block.data
#     server_side_encryption_configuration = aws_s3_bucket_server_side_encryption_configuration.data
#     policy                               = aws_s3_bucket_policy.data
#     ownership_controls                   = aws_s3_bucket_ownership_controls.data
#     logging                              = aws_s3_bucket_logging.data
#     versioning                           = aws_s3_bucket_versioning.data
#   }

variable "org_id" {
  description = "AWS Organizations id whose principals may read the bucket."
  type        = string
  default     = "o-abc123example"
}

resource "terraform_data" "bucket" {
  input = { bucket = "example-data" }
}

locals {
  bucket = merge(terraform_data.bucket.input, { arn = terraform_data.bucket.id })
  arn    = "arn:aws:s3:::example-data"

  public_access_block = {
    bucket                  = local.bucket.bucket
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }

  policy = {
    bucket = local.bucket.bucket
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
  }

  server_side_encryption_configuration = {
    bucket = local.bucket.bucket
    rule = [{
      apply_server_side_encryption_by_default = [{ sse_algorithm = "aws:kms" }]
      bucket_key_enabled                      = true
    }]
  }

  ownership_controls = {
    bucket = local.bucket.bucket
    rule   = [{ object_ownership = "BucketOwnerEnforced" }]
  }

  logging = {
    bucket        = local.bucket.bucket
    target_bucket = "example-access-logs"
    target_prefix = "example-data/"
  }

  versioning = {
    bucket                   = local.bucket.bucket
    versioning_configuration = [{ status = "Enabled" }]
  }
}

resource "baseline_guardrail" "bucket" {
  resource_type = "aws_s3_bucket_posture"
  values = {
    bucket                               = local.bucket
    public_access_block                  = local.public_access_block
    policy                               = local.policy
    server_side_encryption_configuration = local.server_side_encryption_configuration
    ownership_controls                   = local.ownership_controls
    logging                              = local.logging
    versioning                           = local.versioning
  }
}

output "bucket_compliant" {
  value = baseline_guardrail.bucket.compliant
}
