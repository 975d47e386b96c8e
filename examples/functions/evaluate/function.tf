# evaluate returns the full verdict, for reports and for conditions on counts.
resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "SSH from anywhere: fails aws-ec2-sg-no-world-ssh and others"
  vpc_id      = "vpc-0123456789abcdef0"

  ingress {
    protocol    = "tcp"
    from_port   = 22
    to_port     = 22
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    protocol    = "-1"
    from_port   = 0
    to_port     = 0
    cidr_blocks = ["0.0.0.0/0"]
  }
}

locals {
  verdict = provider::baseline::evaluate("aws_security_group", aws_security_group.bastion)
}

output "bastion_compliant" {
  value = local.verdict.compliant # false
}

output "bastion_failed_controls" {
  value = [for f in local.verdict.findings : f.control_id if f.status == "fail"]
}

# Options: unknown_values, minimum_severity, controls, exclude_controls.
output "bastion_critical_failures" {
  value = provider::baseline::evaluate("aws_security_group", aws_security_group.bastion, {
    minimum_severity = "critical"
  }).failed
}
