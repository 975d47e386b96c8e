# Context of documentation snippets (internal/provider/snippets_test.go): the
# VPC a snippet's security group goes in.
variable "vpc_id" {
  type    = string
  default = "vpc-0123456789abcdef0"
}
