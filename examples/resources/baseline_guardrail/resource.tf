# In a real module, values = aws_security_group.web (the resource itself).
resource "terraform_data" "web_sg" {
  input = {
    name = "web"
    ingress = [{
      protocol    = "tcp"
      from_port   = 443
      to_port     = 443
      cidr_blocks = ["0.0.0.0/0"]
    }]
  }
}

resource "baseline_guardrail" "web_sg" {
  resource_type = "aws_security_group"
  values        = merge(terraform_data.web_sg.input, { id = terraform_data.web_sg.id })

  # "warn" reports failed controls as warnings instead of failing the plan.
  enforcement = "error"
}
