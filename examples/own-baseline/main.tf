# One definition file states the organisation's whole baseline; the
# functions take it through baseline_definition (they cannot read the
# provider configuration), and every resource fails its plan on a violation.
data "baseline_definition" "acme" {
  controls_file = "${path.module}/baseline.yaml"
}

locals {
  acme = { definitions = data.baseline_definition.acme.spec, as_of = plantimestamp() }
}

resource "aws_vpc" "main" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_security_group" "app" {
  name        = "app"
  description = "application servers"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  security_group_id = aws_security_group.app.id
  description       = "HTTPS from the corporate network"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "10.0.0.0/8"

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_vpc_security_group_ingress_rule", self, local.acme)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_vpc_security_group_ingress_rule", self, local.acme)))
    }
  }
}

resource "aws_instance" "app" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "m6i.large"

  associate_public_ip_address = false

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted = true
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_instance", self, local.acme)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_instance", self, local.acme)))
    }
  }
}

resource "aws_db_instance" "orders" {
  identifier              = "orders"
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  allocated_storage       = 20
  username                = "orders"
  password                = var.db_password
  storage_encrypted       = true
  backup_retention_period = 7
  deletion_protection     = true
  skip_final_snapshot     = true

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_db_instance", self, local.acme)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_db_instance", self, local.acme)))
    }
  }
}

resource "aws_s3_bucket" "reports" {
  bucket = "acme-reports"
  tags = {
    data-classification = "internal"
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_s3_bucket", self, local.acme)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_s3_bucket", self, local.acme)))
    }
  }
}

resource "aws_cloudwatch_log_group" "app" {
  name              = "/acme/app"
  retention_in_days = 365

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("aws_cloudwatch_log_group", self, local.acme)
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_cloudwatch_log_group", self, local.acme)))
    }
  }
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "change-me-in-a-secret-store"
}
