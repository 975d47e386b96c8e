# hashicorp/aws cannot be downloaded in this offline demo, so terraform_data
# stands in for each AWS resource, carrying values in exactly the shape the
# aws resource has: `merge(self.input, { id = self.id })` here, with an id
# unknown until apply, is `self` there. In a real module, replace
# terraform_data with the aws resource and that expression with `self`.

# Postcondition on self: decided at plan even though id is unknown until apply.
resource "terraform_data" "instance" {
  input = {
    ami                         = "ami-0123456789abcdef0"
    instance_type               = "t3.micro"
    associate_public_ip_address = var.associate_public_ip_address
    root_block_device = [{
      encrypted   = var.encrypt_storage
      volume_size = 20
    }]
    metadata_options = [{
      http_endpoint = "enabled"
      http_tokens   = var.http_tokens
    }]
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_instance", merge(self.input, { id = self.id }))
      error_message = join("\n", provider::baseline::violations("aws_instance", merge(self.input, { id = self.id })))
    }
  }
}

locals {
  admin_ports = { controls = ["aws-ec2-sg-no-world-ssh", "aws-ec2-sg-no-world-rdp"] }

  database = {
    engine              = "postgres"
    instance_class      = "db.t3.micro"
    publicly_accessible = var.db_publicly_accessible
    storage_encrypted   = var.encrypt_storage
  }
}

# Precondition: the database is judged before it is created.
resource "terraform_data" "database" {
  input = local.database

  lifecycle {
    precondition {
      condition     = provider::baseline::compliant("aws_db_instance", local.database)
      error_message = join("\n", provider::baseline::violations("aws_db_instance", local.database))
    }
  }
}

resource "terraform_data" "security_group" {
  input = {
    name    = "${var.name}-web"
    ingress = var.ingress
    egress = [{
      protocol    = "-1"
      from_port   = 0
      to_port     = 0
      cidr_blocks = ["0.0.0.0/0"]
    }]
  }
}

# Guardrail: one plan error per failed control, with the fix.
resource "baseline_guardrail" "security_group" {
  resource_type = "aws_security_group"
  values        = merge(terraform_data.security_group.input, { id = terraform_data.security_group.id })
}

# The VPC's default security group, adopted with every rule removed.
resource "terraform_data" "default_security_group" {
  input = {
    vpc_id  = "vpc-0123456789abcdef0"
    ingress = []
    egress  = []
  }
}

# check block: reported as a warning, never blocks the plan.
check "default_security_group" {
  assert {
    condition     = provider::baseline::compliant("aws_default_security_group", terraform_data.default_security_group.input)
    error_message = join("\n", provider::baseline::violations("aws_default_security_group", terraform_data.default_security_group.input))
  }
}

output "security_group_verdict" {
  description = "Verdict of the security group guardrail."
  value = {
    compliant = baseline_guardrail.security_group.compliant
    failed    = baseline_guardrail.security_group.failed
  }
}
