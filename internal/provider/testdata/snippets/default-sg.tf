# Context of documentation snippets: the default security group a check block judges.
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0123456789abcdef0"
}
