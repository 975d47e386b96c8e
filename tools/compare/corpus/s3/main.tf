# S3: buckets with and without their companion resources (public access block,
# ACL, ownership controls, policy, encryption, logging, versioning), the
# deprecated inline arguments, and account-level Block Public Access.

resource "aws_kms_key" "s3" {
  description         = "corpus s3"
  enable_key_rotation = true
}

# --- a bucket with every companion set as FSBP asks ---------------------------
resource "aws_s3_bucket" "ok_full" {
  bucket = "corpus-ok-full"
}

resource "aws_s3_bucket_public_access_block" "ok_full" {
  bucket                  = aws_s3_bucket.ok_full.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "ok_full" {
  bucket = aws_s3_bucket.ok_full.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "ok_full" {
  bucket = aws_s3_bucket.ok_full.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.s3.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "ok_full" {
  bucket = aws_s3_bucket.ok_full.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_logging" "ok_full" {
  bucket        = aws_s3_bucket.ok_full.id
  target_bucket = "corpus-access-logs"
  target_prefix = "ok-full/"
}

resource "aws_s3_bucket_policy" "ok_full" {
  bucket = aws_s3_bucket.ok_full.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::corpus-ok-full", "arn:aws:s3:::corpus-ok-full/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# --- a public bucket ---------------------------------------------------------
resource "aws_s3_bucket" "bad_public" {
  bucket = "corpus-bad-public"
}

resource "aws_s3_bucket_public_access_block" "bad_public" {
  bucket                  = aws_s3_bucket.bad_public.id
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}

resource "aws_s3_bucket_ownership_controls" "bad_public" {
  bucket = aws_s3_bucket.bad_public.id
  rule {
    object_ownership = "ObjectWriter"
  }
}

resource "aws_s3_bucket_acl" "bad_public" {
  bucket = aws_s3_bucket.bad_public.id
  acl    = "public-read"
}

resource "aws_s3_bucket_policy" "bad_public" {
  bucket = aws_s3_bucket.bad_public.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::corpus-bad-public/*"
    }]
  })
}

resource "aws_s3_bucket_versioning" "bad_public" {
  bucket = aws_s3_bucket.bad_public.id
  versioning_configuration {
    status = "Suspended"
  }
}

# --- a bucket alone: S3's defaults for a bucket created today -----------------
resource "aws_s3_bucket" "default_only" {
  bucket = "corpus-default-only"
}

# --- SSE-S3 (AES256) rather than SSE-KMS; private ACL --------------------------
resource "aws_s3_bucket" "sse_s3" {
  bucket = "corpus-sse-s3"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "sse_s3" {
  bucket = aws_s3_bucket.sse_s3.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_acl" "ok_private" {
  bucket = aws_s3_bucket.sse_s3.id
  acl    = "private"
}

# --- Principal "*" narrowed to one organization is not public ------------------
resource "aws_s3_bucket" "org_policy" {
  bucket = "corpus-org-policy"
}

resource "aws_s3_bucket_policy" "ok_org_only" {
  bucket = aws_s3_bucket.org_policy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "OrgRead"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::corpus-org-policy/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abc123example" } }
    }]
  })
}

# --- the deprecated inline arguments of aws_s3_bucket --------------------------
resource "aws_s3_bucket" "bad_inline_public_acl" {
  bucket = "corpus-bad-inline-acl"
  acl    = "public-read-write"
}

resource "aws_s3_bucket" "ok_inline_settings" {
  bucket = "corpus-ok-inline-settings"

  versioning {
    enabled = true
  }

  logging {
    target_bucket = "corpus-access-logs"
    target_prefix = "inline/"
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}

# --- account-level Block Public Access ---------------------------------------
resource "aws_s3_account_public_access_block" "ok" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_account_public_access_block" "bad_partial" {
  block_public_acls   = true
  block_public_policy = true
}
