# Containers, analytics and integration services: subnets, launch
# configurations, ECS, DocumentDB, Neptune, MSK, Step Functions, Firehose,
# SageMaker, DMS, transit gateways, resource policies of SNS, SQS, ECR and
# Glacier, S3 access points, API Gateway v2, CodeBuild, secret rotation.
# (aws_sfn_state_machine is left out: hashicorp/aws validates its definition
# with the Step Functions API at plan, which needs the network.)

locals {
  key    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  role   = "arn:aws:iam::111122223333:role/corpus"
  subnet = "subnet-0123456789abcdef0"
  sg     = "sg-0123456789abcdef0"
}

resource "aws_subnet" "bad_public_ip" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}

resource "aws_subnet" "ok_private" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}

resource "aws_launch_configuration" "bad_public_imdsv1" {
  name                        = "bad-public-imdsv1"
  image_id                    = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  associate_public_ip_address = true
  metadata_options {
    http_tokens = "optional"
  }
}

resource "aws_launch_configuration" "ok_private_imdsv2" {
  name                        = "ok-private-imdsv2"
  image_id                    = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
  root_block_device {
    encrypted = true
  }
}

resource "aws_ecs_cluster" "bad_no_insights" {
  name = "bad-no-insights"
}

resource "aws_ecs_cluster" "ok_insights" {
  name = "ok-insights"
  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_task_definition" "bad_privileged" {
  family = "bad-privileged"
  container_definitions = jsonencode([{
    name       = "app"
    image      = "public.ecr.aws/nginx/nginx:latest"
    essential  = true
    privileged = true
  }])
}

resource "aws_ecs_task_definition" "ok_hardened" {
  family = "ok-hardened"
  container_definitions = jsonencode([{
    name                   = "app"
    image                  = "public.ecr.aws/nginx/nginx:latest"
    essential              = true
    privileged             = false
    readonlyRootFilesystem = true
    logConfiguration = {
      logDriver = "awslogs"
      options   = { awslogs-group = "/corpus/app", awslogs-region = "us-east-1", awslogs-stream-prefix = "app" }
    }
  }])
}

resource "aws_ecs_service" "bad_public_ip" {
  name            = "bad-public-ip"
  cluster         = aws_ecs_cluster.ok_insights.id
  task_definition = aws_ecs_task_definition.ok_hardened.arn
  launch_type     = "FARGATE"
  desired_count   = 1
  network_configuration {
    subnets          = [local.subnet]
    security_groups  = [local.sg]
    assign_public_ip = true
  }
}

resource "aws_ecs_service" "ok_private" {
  name            = "ok-private"
  cluster         = aws_ecs_cluster.ok_insights.id
  task_definition = aws_ecs_task_definition.ok_hardened.arn
  launch_type     = "FARGATE"
  desired_count   = 1
  network_configuration {
    subnets          = [local.subnet]
    security_groups  = [local.sg]
    assign_public_ip = false
  }
}

resource "aws_docdb_cluster" "bad_plain" {
  cluster_identifier  = "bad-plain"
  master_username     = "corpus"
  master_password     = "change-me-please"
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_docdb_cluster" "ok_encrypted_audited" {
  cluster_identifier              = "ok-encrypted"
  master_username                 = "corpus"
  master_password                 = "change-me-please"
  storage_encrypted               = true
  kms_key_id                      = local.key
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
  skip_final_snapshot             = true
}

resource "aws_neptune_cluster" "bad_plain" {
  cluster_identifier  = "bad-plain"
  storage_encrypted   = false
  skip_final_snapshot = true
}

resource "aws_neptune_cluster" "ok_hardened" {
  cluster_identifier                  = "ok-hardened"
  storage_encrypted                   = true
  kms_key_arn                         = local.key
  enable_cloudwatch_logs_exports      = ["audit"]
  iam_database_authentication_enabled = true
  skip_final_snapshot                 = true
}

resource "aws_msk_cluster" "bad_plaintext_public" {
  cluster_name           = "bad-plaintext"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = [local.subnet, "subnet-0123456789abcdef1"]
    security_groups = [local.sg]
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
  encryption_info {
    encryption_in_transit {
      client_broker = "PLAINTEXT"
      in_cluster    = false
    }
  }
}

resource "aws_msk_cluster" "ok_tls_logged" {
  cluster_name           = "ok-tls"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 2
  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = [local.subnet, "subnet-0123456789abcdef1"]
    security_groups = [local.sg]
  }
  encryption_info {
    encryption_at_rest_kms_key_arn = local.key
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
  client_authentication {
    unauthenticated = false
    sasl {
      iam = true
    }
  }
  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = "/corpus/msk"
      }
    }
  }
}

resource "aws_kinesis_firehose_delivery_stream" "bad_unencrypted" {
  name        = "bad-unencrypted"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = local.role
    bucket_arn = "arn:aws:s3:::corpus-firehose"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "ok_encrypted" {
  name        = "ok-encrypted"
  destination = "extended_s3"
  extended_s3_configuration {
    role_arn   = local.role
    bucket_arn = "arn:aws:s3:::corpus-firehose"
  }
  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = local.key
  }
}

resource "aws_sagemaker_notebook_instance" "bad_defaults" {
  name          = "bad-defaults"
  role_arn      = local.role
  instance_type = "ml.t3.medium"
}

resource "aws_sagemaker_notebook_instance" "ok_hardened" {
  name                   = "ok-hardened"
  role_arn               = local.role
  instance_type          = "ml.t3.medium"
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
  kms_key_id             = local.key
  subnet_id              = local.subnet
  security_groups        = [local.sg]
}

resource "aws_dms_replication_instance" "bad_public" {
  replication_instance_id    = "bad-public"
  replication_instance_class = "dms.t3.micro"
  publicly_accessible        = true
}

resource "aws_dms_replication_instance" "ok_private" {
  replication_instance_id    = "ok-private"
  replication_instance_class = "dms.t3.micro"
  publicly_accessible        = false
}

resource "aws_ec2_transit_gateway" "bad_auto_accept" {
  auto_accept_shared_attachments = "enable"
}

resource "aws_ec2_transit_gateway" "ok_manual_accept" {
  auto_accept_shared_attachments = "disable"
}

resource "aws_sns_topic" "policy_target" {
  name = "policy-target"
}

resource "aws_sns_topic_policy" "bad_public" {
  arn = aws_sns_topic.policy_target.arn
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = "*" }]
  })
}

resource "aws_sqs_queue" "policy_target" {
  name = "policy-target"
}

resource "aws_sqs_queue_policy" "bad_public" {
  queue_url = aws_sqs_queue.policy_target.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*" }]
  })
}

resource "aws_sqs_queue_policy" "ok_account_only" {
  queue_url = aws_sqs_queue.policy_target.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sqs:SendMessage", Resource = "*" }]
  })
}

resource "aws_ecr_repository_policy" "bad_public" {
  repository = "corpus"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Sid = "public", Effect = "Allow", Principal = "*", Action = ["ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage"] }]
  })
}

resource "aws_glacier_vault" "bad_public" {
  name = "bad-public"
  access_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "glacier:InitiateJob", Resource = "arn:aws:glacier:us-east-1:111122223333:vaults/bad-public" }]
  })
}

resource "aws_glacier_vault" "ok_no_policy" {
  name = "ok-no-policy"
}

resource "aws_s3_access_point" "bad_open" {
  bucket = "corpus-data"
  name   = "bad-open"
  public_access_block_configuration {
    block_public_acls       = false
    block_public_policy     = false
    ignore_public_acls      = false
    restrict_public_buckets = false
  }
}

resource "aws_s3_access_point" "ok_blocked" {
  bucket = "corpus-data"
  name   = "ok-blocked"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "corpus-http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "bad_no_access_logs" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "bad"
}

resource "aws_apigatewayv2_stage" "ok_access_logs" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "ok"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/corpus/http"
    format          = "$context.requestId"
  }
}

resource "aws_apigatewayv2_route" "bad_no_auth" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /open"
}

resource "aws_apigatewayv2_route" "ok_iam_auth" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "GET /private"
  authorization_type = "AWS_IAM"
}

resource "aws_codebuild_project" "bad_no_logs" {
  name         = "bad-no-logs"
  service_role = local.role
  artifacts {
    type = "NO_ARTIFACTS"
  }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
  source {
    type      = "NO_SOURCE"
    buildspec = "version: 0.2\nphases:\n  build:\n    commands: [\"true\"]\n"
  }
  logs_config {
    cloudwatch_logs {
      status = "DISABLED"
    }
    s3_logs {
      status              = "ENABLED"
      location            = "corpus-build-logs/bad"
      encryption_disabled = true
    }
  }
}

resource "aws_codebuild_project" "ok_logged" {
  name         = "ok-logged"
  service_role = local.role
  artifacts {
    type = "NO_ARTIFACTS"
  }
  environment {
    compute_type = "BUILD_GENERAL1_SMALL"
    image        = "aws/codebuild/standard:7.0"
    type         = "LINUX_CONTAINER"
  }
  source {
    type      = "NO_SOURCE"
    buildspec = "version: 0.2\nphases:\n  build:\n    commands: [\"true\"]\n"
  }
  logs_config {
    cloudwatch_logs {
      status     = "ENABLED"
      group_name = "/corpus/build"
    }
  }
}

resource "aws_secretsmanager_secret" "rotated" {
  name = "corpus-rotated"
}

resource "aws_secretsmanager_secret_rotation" "ok_30_days" {
  secret_id           = aws_secretsmanager_secret.rotated.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

resource "aws_secretsmanager_secret_rotation" "bad_yearly" {
  secret_id           = aws_secretsmanager_secret.rotated.id
  rotation_lambda_arn = "arn:aws:lambda:us-east-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 365
  }
}
