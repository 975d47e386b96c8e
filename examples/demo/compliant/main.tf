# The service with its customer-side duties met: only HTTPS faces the
# internet, SSH comes from the admin network, IMDSv2 is required, storage is
# encrypted, the database and the bucket are private, the trail records every
# Region with validated, encrypted logs.
module "web" {
  source = "../modules/web-service"

  name              = "shop"
  vpc_id            = "vpc-0123456789abcdef0"
  subnet_id         = "subnet-0123456789abcdef0"
  availability_zone = "us-east-1a"
  ami               = "ami-0123456789abcdef0"
  log_bucket        = "shop-audit-logs"

  ingress = {
    "https (IPv4)" = { from_port = 443, to_port = 443, cidr_ipv4 = "0.0.0.0/0" }
    "https (IPv6)" = { from_port = 443, to_port = 443, cidr_ipv6 = "::/0" }
    "ssh (admins)" = { from_port = 22, to_port = 22, cidr_ipv4 = "10.20.0.0/16" }
  }
}

output "assets_bucket_verdict" {
  value = module.web.assets_bucket_verdict
}
