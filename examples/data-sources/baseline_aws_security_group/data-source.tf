data "baseline_aws_security_group" "bastion" {
  id = "sg-0123456789abcdef0"
}

output "bastion_compliant" {
  value = data.baseline_aws_security_group.bastion.compliant
}
