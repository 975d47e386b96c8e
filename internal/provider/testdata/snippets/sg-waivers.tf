# Context of documentation snippets: the values and per-call waivers a function judges.
locals {
  sg = { name = "bastion-1", ingress = [{ protocol = "tcp", from_port = 22, to_port = 22, cidr_blocks = ["0.0.0.0/0"] }] }
}

variable "waivers" {
  type    = any
  default = []
}
