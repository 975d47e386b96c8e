data "baseline_aws_db_instance" "orders" {
  identifier = "orders-prod"
}

output "orders_violations" {
  value = data.baseline_aws_db_instance.orders.violations
}
