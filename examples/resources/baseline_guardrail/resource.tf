resource "aws_security_group" "web" {
  name        = "web"
  description = "HTTPS from anywhere"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    protocol    = "tcp"
    from_port   = 443
    to_port     = 443
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Judges the planned security group; fails the plan with one error per failed
# control (control id, frameworks, attribute, fix).
resource "baseline_guardrail" "web_sg" {
  resource_type = "aws_security_group"
  values        = aws_security_group.web

  # "warn" reports failed controls as warnings instead of failing the plan.
  enforcement = "error"
}
