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
    error_message = join("\n", provider::baseline::violations("aws_db_instance", var.db, { controls = ["aws-rds-instance-not-public"] }))
  }
}
