# Databases and data stores: RDS instances and clusters, Redshift, DynamoDB,
# ElastiCache, Kinesis, OpenSearch.

locals {
  key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_db_instance" "bad_public_unencrypted" {
  identifier          = "bad-public"
  engine              = "mysql"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "admin"
  password            = "change-me-please"
  publicly_accessible = true
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_db_instance" "ok_private_encrypted" {
  identifier                          = "ok-private"
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  allocated_storage                   = 20
  username                            = "app"
  manage_master_user_password         = true
  publicly_accessible                 = false
  storage_encrypted                   = true
  kms_key_id                          = local.key
  multi_az                            = true
  backup_retention_period             = 7
  deletion_protection                 = true
  auto_minor_version_upgrade          = true
  copy_tags_to_snapshot               = true
  iam_database_authentication_enabled = true
  monitoring_interval                 = 60
  monitoring_role_arn                 = "arn:aws:iam::111122223333:role/rds-monitoring"
  performance_insights_enabled        = true
  performance_insights_kms_key_id     = local.key
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  skip_final_snapshot                 = true
}

# Encryption left to the default (off for aws_db_instance).
resource "aws_db_instance" "default_encryption" {
  identifier          = "default-encryption"
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  password            = "change-me-please"
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "bad_unencrypted" {
  cluster_identifier  = "bad-unencrypted"
  engine              = "aurora-postgresql"
  master_username     = "app"
  master_password     = "change-me-please"
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_rds_cluster" "ok_encrypted" {
  cluster_identifier          = "ok-encrypted"
  engine                      = "aurora-postgresql"
  master_username             = "app"
  manage_master_user_password = true
  storage_encrypted           = true
  kms_key_id                  = local.key
  deletion_protection         = true
  backup_retention_period     = 7
  copy_tags_to_snapshot       = true
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "bad_public" {
  identifier          = "bad-public-1"
  cluster_identifier  = aws_rds_cluster.ok_encrypted.id
  engine              = "aurora-postgresql"
  instance_class      = "db.r6g.large"
  publicly_accessible = true
}

resource "aws_rds_cluster_instance" "ok_private" {
  identifier          = "ok-private-1"
  cluster_identifier  = aws_rds_cluster.ok_encrypted.id
  engine              = "aurora-postgresql"
  instance_class      = "db.r6g.large"
  publicly_accessible = false
}

resource "aws_redshift_cluster" "bad_unencrypted" {
  cluster_identifier  = "bad-unencrypted"
  node_type           = "ra3.xlplus"
  master_username     = "admin"
  master_password     = "Change-me-1"
  encrypted           = false
  skip_final_snapshot = true
}

resource "aws_redshift_cluster" "ok_encrypted" {
  cluster_identifier  = "ok-encrypted"
  node_type           = "ra3.xlplus"
  master_username     = "admin"
  master_password     = "Change-me-1"
  encrypted           = true
  kms_key_id          = local.key
  publicly_accessible = false
  skip_final_snapshot = true
}

resource "aws_dynamodb_table" "default_encryption" {
  name         = "default-encryption"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_dynamodb_table" "ok_cmk" {
  name         = "ok-cmk"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = local.key
  }
  point_in_time_recovery {
    enabled = true
  }
}

resource "aws_elasticache_replication_group" "bad_plain" {
  replication_group_id       = "bad-plain"
  description                = "no encryption"
  node_type                  = "cache.t3.micro"
  engine                     = "redis"
  num_cache_clusters         = 1
  at_rest_encryption_enabled = false
  transit_encryption_enabled = false
}

resource "aws_elasticache_replication_group" "ok_encrypted" {
  replication_group_id       = "ok-encrypted"
  description                = "encrypted"
  node_type                  = "cache.t3.micro"
  engine                     = "redis"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  at_rest_encryption_enabled = true
  kms_key_id                 = local.key
  transit_encryption_enabled = true
  auth_token                 = "a-long-enough-auth-token-1234"
}

resource "aws_kinesis_stream" "bad_unencrypted" {
  name        = "bad-unencrypted"
  shard_count = 1
}

resource "aws_kinesis_stream" "ok_kms" {
  name            = "ok-kms"
  shard_count     = 1
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}

resource "aws_opensearch_domain" "bad_plain" {
  domain_name    = "bad-plain"
  engine_version = "OpenSearch_2.11"

  encrypt_at_rest {
    enabled = false
  }
  node_to_node_encryption {
    enabled = false
  }
  domain_endpoint_options {
    enforce_https = false
  }
  ebs_options {
    ebs_enabled = true
    volume_size = 10
  }
}

resource "aws_opensearch_domain" "ok_encrypted" {
  domain_name    = "ok-encrypted"
  engine_version = "OpenSearch_2.11"

  encrypt_at_rest {
    enabled    = true
    kms_key_id = local.key
  }
  node_to_node_encryption {
    enabled = true
  }
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
  ebs_options {
    ebs_enabled = true
    volume_size = 10
  }
}

resource "aws_db_snapshot" "bad_public" {
  db_instance_identifier = aws_db_instance.ok_private_encrypted.identifier
  db_snapshot_identifier = "bad-public"
  shared_accounts        = ["all"]
}

resource "aws_db_snapshot" "ok_one_account" {
  db_instance_identifier = aws_db_instance.ok_private_encrypted.identifier
  db_snapshot_identifier = "ok-one-account"
  shared_accounts        = ["111122223333"]
}
