# An organisation's own controls, compiled for the functions. A shared file
# works the same way: controls_file = "${path.module}/baseline.yaml".
data "baseline_definition" "org" {
  control {
    id             = "acme-rds-backups"
    title          = "RDS keeps 7 days of backups and deletion protection"
    severity       = "high"
    area           = "backup"
    resource_types = ["aws_db_instance", "aws_rds_cluster"]
    remediation    = "Set backup_retention_period >= 7 and deletion_protection = true."
    condition = {
      all = [
        { attribute = "backup_retention_period", op = ">=", value = 7 },
        { attribute = "deletion_protection", op = "equals", value = true },
      ]
    }
  }

  control {
    id             = "acme-bucket-classified"
    title          = "Buckets carry a data-classification tag"
    severity       = "medium"
    area           = "data-classification"
    resource_types = ["aws_s3_bucket"]
    remediation    = "Tag the bucket data-classification = public, internal, confidential or restricted."
    condition = {
      attribute = "tags.data-classification"
      op        = "in"
      value     = ["public", "internal", "confidential", "restricted"]
    }
  }
}

# Pass the compiled definition to the functions, which judge the custom
# controls with the built-in ones.
locals {
  orders_db = {
    engine                  = "postgres"
    storage_encrypted       = true
    publicly_accessible     = false
    backup_retention_period = 1
    deletion_protection     = true

    iam_database_authentication_enabled = true
    enabled_cloudwatch_logs_exports     = ["postgresql", "upgrade"]
  }
  org = { definitions = data.baseline_definition.org.spec }
}

output "orders_db_compliant" {
  value = provider::baseline::compliant("aws_db_instance", local.orders_db, local.org)
}

# ["acme-rds-backups"]: one day of backups is not seven.
output "orders_db_failed" {
  value = [for f in provider::baseline::evaluate("aws_db_instance", local.orders_db, local.org).findings : f.control_id if f.status == "fail"]
}

output "custom_control_ids" {
  value = data.baseline_definition.org.control_ids
}
