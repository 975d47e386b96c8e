# The same service with its customer-side duties met: only HTTPS is public,
# SSH comes from the admin network, IMDSv2 is required, nothing else is public.
module "web" {
  source = "../modules/web-service"

  name = "shop"
  ingress = [
    { protocol = "tcp", from_port = 443, to_port = 443, cidr_blocks = ["0.0.0.0/0"], ipv6_cidr_blocks = ["::/0"] },
    { protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["10.20.0.0/16"] },
  ]
}

output "security_group_verdict" {
  value = module.web.security_group_verdict
}
