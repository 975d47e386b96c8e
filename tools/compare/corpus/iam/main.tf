# Identity: customer managed and inline policies (full admin, service admin,
# scoped), roles with inline policies, the account password policy.

data "aws_iam_policy_document" "admin" {
  statement {
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "bad_admin" {
  name   = "bad-admin"
  policy = data.aws_iam_policy_document.admin.json
}

resource "aws_iam_policy" "bad_admin_jsonencode" {
  name = "bad-admin-jsonencode"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

# A service wildcard on every resource is not "*:*" (IAM.1 looks for full admin).
resource "aws_iam_policy" "service_wildcard" {
  name = "service-wildcard"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}

resource "aws_iam_policy" "ok_scoped" {
  name = "ok-scoped"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::corpus-data", "arn:aws:s3:::corpus-data/*"]
    }]
  })
}

# "*" allowed but every action denied again: not effective admin.
resource "aws_iam_policy" "admin_with_deny" {
  name = "admin-with-deny"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "*", Resource = "*" },
      { Effect = "Deny", Action = "*", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } },
    ]
  })
}

resource "aws_iam_role" "app" {
  name = "corpus-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "bad_admin" {
  name = "bad-admin"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["*"], Resource = ["*"] }]
  })
}

resource "aws_iam_role_policy" "ok_scoped" {
  name = "ok-scoped"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:us-east-1:111122223333:corpus" }]
  })
}

resource "aws_iam_user" "ops" {
  name = "corpus-ops"
}

resource "aws_iam_user_policy" "bad_admin" {
  name = "bad-admin"
  user = aws_iam_user.ops.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}

resource "aws_iam_group" "ops" {
  name = "corpus-ops"
}

resource "aws_iam_group_policy" "ok_scoped" {
  name  = "ok-scoped"
  group = aws_iam_group.ops.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ec2:Describe*", Resource = "*" }]
  })
}

resource "aws_iam_account_password_policy" "ok_strong" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  password_reuse_prevention      = 24
  max_password_age               = 90
}

resource "aws_iam_account_password_policy" "bad_weak" {
  minimum_password_length = 8
}
