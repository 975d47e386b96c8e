# violations returns one line per failed control, for error_message. Here it
# judges a module input before anything is planned, and the database itself.
variable "db" {
  type = object({
    engine              = string
    publicly_accessible = bool
    storage_encrypted   = bool
  })
  default = {
    engine              = "postgres"
    publicly_accessible = false
    storage_encrypted   = true
  }

  validation {
    condition     = length(provider::baseline::violations("aws_db_instance", var.db, { controls = ["aws-rds-instance-not-public"] })) == 0
    error_message = nonsensitive(join("\n", provider::baseline::violations("aws_db_instance", var.db, { controls = ["aws-rds-instance-not-public"] })))
  }
}

resource "aws_db_instance" "main" {
  identifier                  = "orders"
  engine                      = var.db.engine
  instance_class              = "db.t3.micro"
  allocated_storage           = 20
  username                    = "app"
  manage_master_user_password = true
  publicly_accessible         = var.db.publicly_accessible
  storage_encrypted           = var.db.storage_encrypted
  skip_final_snapshot         = true

  iam_database_authentication_enabled = true
  enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]

  lifecycle {
    postcondition {
      condition = length(provider::baseline::violations("aws_db_instance", self)) == 0
      # self holds the sensitive password, which marks the result sensitive;
      # the control lines reveal no secret.
      error_message = nonsensitive(join("\n", provider::baseline::violations("aws_db_instance", self)))
    }
  }
}
