data "baseline_control" "ssh" {
  id = "aws-ec2-sg-no-world-ssh"
}

output "ssh_frameworks" {
  value = data.baseline_control.ssh.frameworks
}
