# Lambda, EKS, ECR and Secrets Manager: services the peers check; the catalog
# gains controls for them over time (cases for both sides when it does).

resource "aws_lambda_function" "bad_public_url" {
  function_name = "bad-public-url"
  role          = "arn:aws:iam::111122223333:role/lambda"
  s3_bucket     = "corpus-code"
  s3_key        = "fn.zip"
  handler       = "index.handler"
  runtime       = "nodejs16.x"

  environment {
    variables = { STAGE = "bad" }
  }
}

resource "aws_lambda_function_url" "bad_public" {
  function_name      = aws_lambda_function.bad_public_url.function_name
  authorization_type = "NONE"
}

resource "aws_lambda_permission" "bad_public" {
  statement_id  = "public"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.bad_public_url.function_name
  principal     = "*"
}

resource "aws_lambda_function" "ok_hardened" {
  function_name                  = "ok-hardened"
  role                           = "arn:aws:iam::111122223333:role/lambda"
  s3_bucket                      = "corpus-code"
  s3_key                         = "fn.zip"
  handler                        = "index.handler"
  runtime                        = "nodejs20.x"
  kms_key_arn                    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  reserved_concurrent_executions = 10

  environment {
    variables = { STAGE = "ok" }
  }

  tracing_config {
    mode = "Active"
  }

  vpc_config {
    subnet_ids         = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }

  dead_letter_config {
    target_arn = "arn:aws:sqs:us-east-1:111122223333:corpus-dlq"
  }
}

resource "aws_lambda_permission" "ok_service" {
  statement_id   = "s3"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.ok_hardened.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = "arn:aws:s3:::corpus-data"
  source_account = "111122223333"
}

resource "aws_eks_cluster" "bad_public" {
  name     = "bad-public"
  role_arn = "arn:aws:iam::111122223333:role/eks"

  vpc_config {
    subnet_ids              = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_public_access  = true
    endpoint_private_access = false
    public_access_cidrs     = ["0.0.0.0/0"]
  }
}

resource "aws_eks_cluster" "ok_private" {
  name                      = "ok-private"
  role_arn                  = "arn:aws:iam::111122223333:role/eks"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  vpc_config {
    subnet_ids              = ["subnet-0123456789abcdef0", "subnet-0123456789abcdef1"]
    endpoint_public_access  = false
    endpoint_private_access = true
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}

resource "aws_ecr_repository" "bad_mutable" {
  name                 = "bad-mutable"
  image_tag_mutability = "MUTABLE"
}

resource "aws_ecr_repository" "ok_immutable_scanned" {
  name                 = "ok-immutable-scanned"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}

resource "aws_secretsmanager_secret" "default_key" {
  name = "corpus-default-key"
}

resource "aws_secretsmanager_secret" "ok_cmk" {
  name       = "corpus-ok-cmk"
  kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
