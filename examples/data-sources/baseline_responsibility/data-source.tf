# Who patches the operating system of a database instance, and who encrypts it?
data "baseline_responsibility" "db" {
  resource_type = "aws_db_instance"
}

output "db_service_model" {
  value = data.baseline_responsibility.db.service_model # "PaaS"
}

output "db_owners" {
  # { "os-patching" = "provider", "encryption-at-rest" = "customer", ... }
  value = { for i in data.baseline_responsibility.db.items : i.item => i.owner }
}

# Services without a resource type of their own are looked up by id.
data "baseline_responsibility" "fargate" {
  service = "ecs-fargate"
}

output "fargate_customer_items" {
  value = [for i in data.baseline_responsibility.fargate.items : i.title if i.owner == "customer"]
}
