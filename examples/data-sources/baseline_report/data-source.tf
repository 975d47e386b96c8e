locals {
  web = {
    name = "web"
    ingress = [{
      protocol    = "tcp"
      from_port   = 443
      to_port     = 443
      cidr_blocks = ["0.0.0.0/0"]
    }]
  }
  bastion = {
    name = "bastion"
    ingress = [{
      protocol    = "tcp"
      from_port   = 22
      to_port     = 22
      cidr_blocks = ["0.0.0.0/0"]
    }]
  }
}

data "baseline_check" "bastion" {
  resource_type = "aws_security_group"
  values        = local.bastion
}

# Verdicts from functions, data sources and guardrails, each with a name and
# the file that holds the resource.
data "baseline_report" "sarif" {
  format      = "sarif"
  source_file = "network.tf"
  verdicts = [
    merge(provider::baseline::evaluate("aws_security_group", local.web), { name = "aws_security_group.web" }),
    merge(data.baseline_check.bastion, { name = "aws_security_group.bastion" }),
  ]
}

# Upload this file to code scanning (see the CI reports guide).
output "sarif" {
  value = data.baseline_report.sarif.content
}

output "all_compliant" {
  value = data.baseline_report.sarif.compliant
}
