# Context of documentation snippets: a key created in the same plan, so its
# ARN is unknown until apply.
resource "aws_kms_key" "logs" {
  description = "audit logs"
}
