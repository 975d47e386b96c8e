locals {
  web_sg = {
    ingress = [{
      protocol    = "tcp"
      from_port   = 22
      to_port     = 22
      cidr_blocks = ["0.0.0.0/0"]
    }]
  }

  verdict = provider::baseline::evaluate("aws_security_group", local.web_sg)
}

output "web_sg_compliant" {
  value = local.verdict.compliant # false
}

output "web_sg_failed_controls" {
  value = [for f in local.verdict.findings : f.control_id if f.status == "fail"]
}

# Options: unknown_values, minimum_severity, controls, exclude_controls.
output "web_sg_high_only" {
  value = provider::baseline::evaluate("aws_security_group", local.web_sg, {
    minimum_severity = "critical"
  }).failed
}
