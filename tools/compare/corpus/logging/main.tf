# Audit logging, monitoring and key management: CloudTrail, KMS keys,
# CloudWatch log groups, AWS Config, GuardDuty, Security Hub.

resource "aws_kms_key" "ok_rotated" {
  description         = "rotated"
  enable_key_rotation = true
}

resource "aws_kms_key" "bad_not_rotated" {
  description         = "not rotated"
  enable_key_rotation = false
}

# Rotation left to the default (off).
resource "aws_kms_key" "default_rotation" {
  description = "default rotation"
}

# Rotation does not apply to asymmetric keys.
resource "aws_kms_key" "asymmetric" {
  description              = "signing"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_cloudtrail" "bad_minimal" {
  name           = "bad-minimal"
  s3_bucket_name = "corpus-trail"
}

resource "aws_cloudtrail" "ok_full" {
  name                          = "ok-full"
  s3_bucket_name                = "corpus-trail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.ok_rotated.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.ok_kms_retained.arn}:*"
  cloud_watch_logs_role_arn     = "arn:aws:iam::111122223333:role/cloudtrail-to-cloudwatch"
  sns_topic_name                = "corpus-trail-notifications"

  event_selector {
    read_write_type           = "All"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudwatch_log_group" "bad_plain" {
  name = "/corpus/bad-plain"
}

resource "aws_cloudwatch_log_group" "ok_kms_retained" {
  name              = "/corpus/ok"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.ok_rotated.arn
}

resource "aws_config_configuration_recorder" "ok_all" {
  name     = "ok-all"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_configuration_recorder" "bad_partial" {
  name     = "bad-partial"
  role_arn = "arn:aws:iam::111122223333:role/config"
  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::Instance"]
  }
}

resource "aws_config_configuration_recorder_status" "ok" {
  name       = aws_config_configuration_recorder.ok_all.name
  is_enabled = true
}

resource "aws_guardduty_detector" "ok" {
  enable = true
}

resource "aws_guardduty_detector" "bad_disabled" {
  enable = false
}

resource "aws_securityhub_account" "ok" {}
