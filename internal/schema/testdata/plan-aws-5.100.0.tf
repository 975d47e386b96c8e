terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
provider "aws" {
  access_key                  = "x"
  secret_key                  = "x"
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
resource "aws_security_group" "sep" {
  name   = "sep"
  vpc_id = "vpc-123"
}
resource "aws_security_group" "inline" {
  name   = "inline"
  vpc_id = "vpc-123"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_default_security_group" "d" { vpc_id = "vpc-123" }
resource "aws_network_acl" "n" {
  vpc_id = "vpc-123"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "10.0.0.0/8"
    from_port  = 443
    to_port    = 443
  }
  ingress {
    protocol        = "tcp"
    rule_no         = 110
    action          = "allow"
    ipv6_cidr_block = "::/0"
    from_port       = 443
    to_port         = 443
  }
}
resource "aws_network_acl" "empty" { vpc_id = "vpc-123" }
resource "aws_network_acl_rule" "r" {
  network_acl_id = "acl-1"
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}
resource "aws_s3_bucket" "b" { bucket = "b-123" }
resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = "private"
}
resource "aws_db_instance" "db" {
  instance_class    = "db.t3.micro"
  engine            = "postgres"
  allocated_storage = 20
  username          = "u"
  password          = "passwordpassword"
}
resource "aws_db_instance" "snap" {
  instance_class      = "db.t3.micro"
  snapshot_identifier = "snap-1"
}
resource "aws_rds_cluster" "c" {
  engine          = "aurora-postgresql"
  master_username = "u"
  master_password = "passwordpassword"
}
resource "aws_instance" "i" {
  ami           = "ami-123"
  instance_type = "t3.micro"
}
resource "aws_instance" "i2" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  metadata_options { http_endpoint = "enabled" }
  root_block_device { volume_size = 10 }
}
resource "aws_ebs_volume" "v" {
  availability_zone = "us-east-1a"
  size              = 10
}
resource "aws_launch_template" "lt" { name = "ltx" }
resource "aws_sqs_queue" "q" { name = "q" }
resource "aws_kms_key" "k" {}
resource "aws_dynamodb_table" "t" {
  name         = "t"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_elasticache_replication_group" "rg" {
  replication_group_id = "rg"
  description          = "d"
  node_type            = "cache.t3.micro"
}
resource "aws_opensearch_domain" "os" { domain_name = "osx" }
resource "aws_lb_listener" "l" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/x/1"
  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1"
  }
}
resource "aws_efs_file_system" "e" {}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = "{}"
}
resource "aws_config_configuration_recorder" "cr" { role_arn = "arn:aws:iam::123456789012:role/x" }
resource "aws_api_gateway_method_settings" "ms" {
  rest_api_id = "a"
  stage_name  = "s"
  method_path = "*/*"
  settings { metrics_enabled = true }
}
resource "aws_vpc" "v" { cidr_block = "10.0.0.0/16" }
resource "aws_cloudtrail" "ct" {
  name           = "ctx"
  s3_bucket_name = "b"
}
resource "aws_elasticsearch_domain" "es" { domain_name = "esx" }
resource "aws_iam_account_password_policy" "pp" { minimum_password_length = 14 }
resource "aws_vpc_security_group_ingress_rule" "ssh_world" {
  security_group_id = aws_security_group.sep.id
  ip_protocol       = "tcp"
  from_port         = 22
  to_port           = 22
  cidr_ipv4         = "0.0.0.0/0"
}
resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.sep.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}
resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  security_group_id = aws_security_group.sep.id
  protocol          = "tcp"
  from_port         = 3389
  to_port           = 3389
  ipv6_cidr_blocks  = ["::/0"]
}
resource "aws_network_acl" "ssh" {
  vpc_id = "vpc-123"
  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}
resource "aws_instance" "good" {
  ami                         = "ami-123"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  metadata_options {
    http_tokens = "required"
  }
  root_block_device {
    encrypted = true
  }
}
resource "aws_ebs_volume" "good" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
}
resource "aws_db_instance" "good" {
  instance_class    = "db.t3.micro"
  engine            = "postgres"
  allocated_storage = 20
  username          = "u"
  password          = "passwordpassword"
  storage_encrypted = true
}
resource "aws_rds_cluster" "good" {
  engine            = "aurora-postgresql"
  master_username   = "u"
  master_password   = "passwordpassword"
  storage_encrypted = true
}
resource "aws_s3_bucket_acl" "public" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read"
}
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_ownership_controls" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}
resource "aws_s3_bucket_versioning" "b" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "b" {
  bucket = aws_s3_bucket.b.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.k.arn
    }
  }
}
resource "aws_s3_bucket_logging" "b" {
  bucket        = aws_s3_bucket.b.id
  target_bucket = "logs-bucket"
  target_prefix = "b/"
}
resource "aws_kms_key" "rotated" {
  enable_key_rotation = true
}
resource "aws_cloudtrail" "good" {
  name                       = "good-trail"
  s3_bucket_name             = "b"
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.rotated.arn
  cloud_watch_logs_group_arn = "arn:aws:logs:us-east-1:123456789012:log-group:trail:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail"
}
resource "aws_flow_log" "f" {
  vpc_id               = aws_vpc.v.id
  traffic_type         = "ALL"
  log_destination      = "arn:aws:s3:::flow-logs"
  log_destination_type = "s3"
}
resource "aws_launch_template" "good" {
  name = "good-lt"
  metadata_options {
    http_tokens = "required"
  }
}
