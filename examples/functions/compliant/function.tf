# In a real module this is an aws_security_group and the condition reads `self`.
resource "terraform_data" "web_sg" {
  input = {
    ingress = [{
      protocol    = "tcp"
      from_port   = 443
      to_port     = 443
      cidr_blocks = ["0.0.0.0/0"]
    }]
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_security_group", merge(self.input, { id = self.id }))
      error_message = join("\n", provider::baseline::violations("aws_security_group", merge(self.input, { id = self.id })))
    }
  }
}
