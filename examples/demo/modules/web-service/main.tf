# A small web service on real hashicorp/aws resources. Every resource judges
# itself: `self` in a postcondition is the planned resource, partially unknown
# at plan (ids, ARNs), and the deciding attributes are known, so a
# non-compliant value fails `terraform plan` naming the control, the
# attribute and the fix. The bucket is judged with its companions by a
# baseline_guardrail.

locals {
  assets_bucket = "${var.name}-assets"
  assets_arn    = "arn:aws:s3:::${local.assets_bucket}"
}

# --- Network: security groups with their rules as separate resources ---------

resource "aws_security_group" "web" {
  name        = "${var.name}-web"
  description = "Web tier of ${var.name}"
  vpc_id      = var.vpc_id

  # No inline rules: they are the aws_vpc_security_group_*_rule resources
  # below and are judged there.
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_security_group", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_security_group", self)))
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "web" {
  for_each = var.ingress

  security_group_id = aws_security_group.web.id
  description       = each.key
  ip_protocol       = each.value.ip_protocol
  from_port         = each.value.from_port
  to_port           = each.value.to_port
  cidr_ipv4         = each.value.cidr_ipv4
  cidr_ipv6         = each.value.cidr_ipv6

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_vpc_security_group_ingress_rule", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_vpc_security_group_ingress_rule", self)))
    }
  }
}

resource "aws_vpc_security_group_egress_rule" "web_all" {
  security_group_id = aws_security_group.web.id
  description       = "all outbound"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "db" {
  name        = "${var.name}-db"
  description = "Database of ${var.name}"
  vpc_id      = var.vpc_id

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_security_group", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_security_group", self)))
    }
  }
}

# PostgreSQL only from the web tier: a rule that references a security group
# is never open to the internet.
resource "aws_vpc_security_group_ingress_rule" "db_from_web" {
  security_group_id            = aws_security_group.db.id
  description                  = "postgres from the web tier"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_security_group.web.id

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_vpc_security_group_ingress_rule", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_vpc_security_group_ingress_rule", self)))
    }
  }
}

# The VPC's default security group, adopted with every rule removed (CIS 5.4).
resource "aws_default_security_group" "default" {
  vpc_id = var.vpc_id

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_default_security_group", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_default_security_group", self)))
    }
  }
}

# The subnet's network ACL: administration ports are denied from the internet
# before the broad allow of return traffic, SSH comes from var.admin_cidr.
resource "aws_network_acl" "web" {
  vpc_id     = var.vpc_id
  subnet_ids = [var.subnet_id]

  ingress {
    rule_no    = 90
    action     = "deny"
    protocol   = "tcp"
    from_port  = 3389
    to_port    = 3389
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    rule_no         = 91
    action          = "deny"
    protocol        = "tcp"
    from_port       = 3389
    to_port         = 3389
    ipv6_cidr_block = "::/0"
  }
  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    from_port  = 443
    to_port    = 443
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    rule_no         = 101
    action          = "allow"
    protocol        = "tcp"
    from_port       = 443
    to_port         = 443
    ipv6_cidr_block = "::/0"
  }
  ingress {
    rule_no    = 110
    action     = "allow"
    protocol   = "tcp"
    from_port  = 22
    to_port    = 22
    cidr_block = var.admin_cidr
  }
  ingress {
    rule_no    = 120
    action     = "allow"
    protocol   = "tcp"
    from_port  = 1024
    to_port    = 65535
    cidr_block = "0.0.0.0/0"
  }
  ingress {
    rule_no         = 121
    action          = "allow"
    protocol        = "tcp"
    from_port       = 1024
    to_port         = 65535
    ipv6_cidr_block = "::/0"
  }

  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    from_port  = 0
    to_port    = 0
    cidr_block = "0.0.0.0/0"
  }
  egress {
    rule_no         = 101
    action          = "allow"
    protocol        = "-1"
    from_port       = 0
    to_port         = 0
    ipv6_cidr_block = "::/0"
  }

  tags = { Name = "${var.name}-web" }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_network_acl", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_network_acl", self)))
    }
  }
}

# --- Compute and storage -------------------------------------------------------

resource "aws_instance" "web" {
  ami                         = var.ami
  instance_type               = "t3.micro"
  subnet_id                   = var.subnet_id
  vpc_security_group_ids      = [aws_security_group.web.id]
  associate_public_ip_address = var.associate_public_ip_address

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = var.http_tokens
  }

  root_block_device {
    encrypted   = var.encrypt_storage
    volume_size = 20
  }

  tags = { Name = "${var.name}-web" }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_instance", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_instance", self)))
    }
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = var.availability_zone
  size              = 50
  type              = "gp3"
  encrypted         = var.encrypt_storage

  tags = { Name = "${var.name}-data" }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_ebs_volume", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_ebs_volume", self)))
    }
  }
}

resource "aws_db_instance" "main" {
  identifier                  = "${var.name}-db"
  engine                      = "postgres"
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  vpc_security_group_ids      = [aws_security_group.db.id]
  publicly_accessible         = var.db_publicly_accessible
  storage_encrypted           = var.encrypt_storage
  backup_retention_period     = 7
  skip_final_snapshot         = false
  # RDS.10 and RDS.9: IAM database authentication, and the engine's logs in
  # CloudWatch Logs.
  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  final_snapshot_identifier           = "${var.name}-db-final"

  lifecycle {
    postcondition {
      condition = provider::baseline::compliant("aws_db_instance", self)
      # self holds the sensitive password, which marks the function's result
      # sensitive; the control lines reveal no secret.
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_db_instance", self)))
    }
  }
}

# --- Keys and audit logging ----------------------------------------------------

# Encrypts the assets bucket, the trail and its log group. In a real account,
# the key policy also grants CloudTrail and CloudWatch Logs use of the key.
resource "aws_kms_key" "main" {
  description             = "${var.name} data and audit logs"
  enable_key_rotation     = true
  deletion_window_in_days = 30

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_kms_key", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_kms_key", self)))
    }
  }
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/${var.name}"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.main.arn

  lifecycle {
    postcondition {
      # kms_key_id names the key created in the same apply: unknown at plan.
      # "defer" checks such a control again at apply instead of failing closed;
      # a control that already fails still fails the plan.
      condition     = provider::baseline::compliant("aws_cloudwatch_log_group", self, { unknown_values = "defer" })
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_cloudwatch_log_group", self, { unknown_values = "defer" })))
    }
  }
}

resource "aws_iam_role" "trail" {
  name = "${var.name}-cloudtrail-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "trail" {
  name = "deliver-to-cloudwatch-logs"
  role = aws_iam_role.trail.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "arn:aws:logs:*:*:log-group:/aws/cloudtrail/${var.name}:*"
    }]
  })

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_iam_role_policy", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_iam_role_policy", self)))
    }
  }
}

resource "aws_cloudtrail" "main" {
  name                          = var.name
  s3_bucket_name                = var.log_bucket
  s3_key_prefix                 = "cloudtrail"
  is_multi_region_trail         = var.trail_multi_region
  include_global_service_events = true
  enable_log_file_validation    = var.trail_log_file_validation
  kms_key_id                    = aws_kms_key.main.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.trail.arn

  depends_on = [aws_iam_role_policy.trail]

  lifecycle {
    postcondition {
      # kms_key_id names the key created in the same apply: unknown at plan.
      # "defer" checks such a control again at apply instead of failing closed;
      # a control that already fails still fails the plan.
      condition     = provider::baseline::compliant("aws_cloudtrail", self, { unknown_values = "defer" })
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_cloudtrail", self, { unknown_values = "defer" })))
    }
  }
}

# --- The assets bucket and its companions ----------------------------------------

resource "aws_s3_bucket" "assets" {
  bucket = local.assets_bucket

  # Judged alone on what the bucket's own attributes decide; the posture of
  # the bucket with its companions is the guardrail's job below.
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_s3_bucket", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_s3_bucket", self)))
    }
  }
}

resource "aws_s3_bucket_public_access_block" "assets" {
  bucket                  = aws_s3_bucket.assets.bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "assets" {
  bucket = aws_s3_bucket.assets.bucket
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_acl" "assets" {
  bucket = aws_s3_bucket.assets.bucket
  acl    = var.bucket_acl

  depends_on = [aws_s3_bucket_ownership_controls.assets]

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_s3_bucket_acl", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_s3_bucket_acl", self)))
    }
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "assets" {
  bucket = aws_s3_bucket.assets.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "assets" {
  bucket = aws_s3_bucket.assets.bucket
  versioning_configuration {
    status = var.bucket_versioning
  }
}

resource "aws_s3_bucket_logging" "assets" {
  bucket        = aws_s3_bucket.assets.bucket
  target_bucket = var.log_bucket
  target_prefix = "s3/${local.assets_bucket}/"
}

resource "aws_s3_bucket_policy" "assets" {
  bucket = aws_s3_bucket.assets.bucket
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [local.assets_arn, "${local.assets_arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  depends_on = [aws_s3_bucket_public_access_block.assets]
}

# Guardrail: the bucket and its companions judged as one posture, one plan
# error per failed control with its fix. The ACL judges itself above (a
# resource whose postcondition fails stops everything that refers to it).
resource "baseline_guardrail" "assets_bucket" {
  resource_type = "aws_s3_bucket_posture"
  values = {
    bucket                               = aws_s3_bucket.assets
    public_access_block                  = aws_s3_bucket_public_access_block.assets
    ownership_controls                   = aws_s3_bucket_ownership_controls.assets
    server_side_encryption_configuration = aws_s3_bucket_server_side_encryption_configuration.assets
    versioning                           = aws_s3_bucket_versioning.assets
    logging                              = aws_s3_bucket_logging.assets
    policy                               = aws_s3_bucket_policy.assets
  }
}

output "assets_bucket_verdict" {
  description = "Verdict of the assets bucket guardrail."
  value = {
    compliant = baseline_guardrail.assets_bucket.compliant
    failed    = baseline_guardrail.assets_bucket.failed
  }
}
