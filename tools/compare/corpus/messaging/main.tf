# Messaging: SQS queues and SNS topics, unencrypted, with the service-owned
# key (SSE-SQS), with an AWS managed key and with a customer managed key.

resource "aws_kms_key" "messaging" {
  description         = "corpus messaging"
  enable_key_rotation = true
}

resource "aws_sqs_queue" "bad_unencrypted" {
  name                    = "bad-unencrypted"
  sqs_managed_sse_enabled = false
}

resource "aws_sqs_queue" "sse_sqs" {
  name                    = "sse-sqs"
  sqs_managed_sse_enabled = true
}

# Nothing said: SSE-SQS is the default for new queues.
resource "aws_sqs_queue" "default_encryption" {
  name = "default-encryption"
}

resource "aws_sqs_queue" "ok_cmk" {
  name              = "ok-cmk"
  kms_master_key_id = aws_kms_key.messaging.arn
}

resource "aws_sqs_queue" "aws_managed_key" {
  name              = "aws-managed-key"
  kms_master_key_id = "alias/aws/sqs"
}

resource "aws_sns_topic" "bad_unencrypted" {
  name = "bad-unencrypted"
}

resource "aws_sns_topic" "ok_cmk" {
  name              = "ok-cmk"
  kms_master_key_id = aws_kms_key.messaging.arn
}

resource "aws_sns_topic" "aws_managed_key" {
  name              = "aws-managed-key"
  kms_master_key_id = "alias/aws/sns"
}
