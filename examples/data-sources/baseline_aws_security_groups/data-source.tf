data "baseline_aws_security_groups" "vpc" {
  vpc_id   = "vpc-0123456789abcdef0"
  controls = ["aws-ec2-sg-no-world-ssh", "aws-ec2-sg-no-world-rdp"]
}

output "open_admin_ports" {
  value = { for g in data.baseline_aws_security_groups.vpc.groups : g.id => g.violations if !g.compliant }
}
