data "baseline_check" "bastion" {
  resource_type = "aws_security_group"
  values = {
    ingress = [{
      protocol    = "tcp"
      from_port   = 22
      to_port     = 22
      cidr_blocks = ["203.0.113.0/24"]
    }]
  }
}

output "bastion_compliant" {
  value = data.baseline_check.bastion.compliant
}
