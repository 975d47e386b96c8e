# The same service with the duties people overlook left undone: PostgreSQL is
# open to the internet, the network ACL lets SSH in from anywhere, IMDSv1 is
# allowed, the instance gets a public address, volumes and the database are
# unencrypted, the database is public, the bucket ACL is public-read and its
# versioning suspended, the trail covers one Region without log file
# validation. `terraform plan` fails and names each control, the attribute and
# the fix.
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
    "postgres"     = { from_port = 5432, to_port = 5432, cidr_ipv4 = "0.0.0.0/0" }
    "ssh (admins)" = { from_port = 22, to_port = 22, cidr_ipv4 = "10.20.0.0/16" }
  }
  admin_cidr                  = "0.0.0.0/0"
  http_tokens                 = "optional"
  associate_public_ip_address = true
  db_publicly_accessible      = true
  encrypt_storage             = false
  bucket_acl                  = "public-read"
  bucket_versioning           = "Suspended"
  trail_multi_region          = false
  trail_log_file_validation   = false
}
