# A security group with its rules as separate resources, the pattern AWS and
# HashiCorp recommend: each resource judges itself through `self`, and a
# non-compliant value fails `terraform plan` with one line per failed control.
resource "aws_security_group" "web" {
  name        = "web"
  description = "Web servers"
  vpc_id      = "vpc-0123456789abcdef0"

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_security_group", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_security_group", self)))
    }
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.web.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_vpc_security_group_ingress_rule", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_vpc_security_group_ingress_rule", self)))
    }
  }
}
