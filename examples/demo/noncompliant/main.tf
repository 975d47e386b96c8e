# A service that exposes PostgreSQL to the internet, allows IMDSv1, gives its
# instance a public address, makes its database public and leaves storage
# unencrypted: `terraform plan` fails and names each control, the attribute
# and the fix.
module "web" {
  source = "../modules/web-service"

  name = "shop"
  ingress = [
    { protocol = "tcp", from_port = 443, to_port = 443, cidr_blocks = ["0.0.0.0/0"] },
    { protocol = "tcp", from_port = 5432, to_port = 5432, cidr_blocks = ["0.0.0.0/0"] },
  ]
  http_tokens                 = "optional"
  associate_public_ip_address = true
  db_publicly_accessible      = true
  encrypt_storage             = false
}
