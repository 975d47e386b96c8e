# A gate module: it judges the saved plan of an application's root module,
# every instance of every module (registry modules included), and fails its
# own plan on a failed control. The pipeline runs, in the application:
#   terraform plan -out=tfplan && terraform show -json tfplan > plan.json
# then plans this module with -var plan_json=<path of plan.json>.
variable "plan_json" {
  type        = string
  description = "Path of `terraform show -json tfplan` of the application's saved plan."
  default     = "plan.json"
}

variable "enforcement" {
  type        = string
  description = "error fails the plan on a failed control; warn only reports it (for a job that uploads SARIF first)."
  default     = "error"
}

data "baseline_plan" "app" {
  path = var.plan_json

  # A module vendored from another team: accept one finding by address,
  # with an owner and an expiry, instead of editing the module.
  waivers = [{
    control_id = "aws-s3-bucket-versioning"
    reason     = "Vendored logs module: the objects are copied to the backup account nightly"
    owner      = "platform-team"
    expires    = "2099-06-30"
    match      = { address = "module.legacy.aws_s3_bucket_versioning.*" }
  }]
}

resource "baseline_guardrail" "plan" {
  verdicts    = data.baseline_plan.app
  enforcement = var.enforcement
}

data "baseline_report" "sarif" {
  verdicts = [data.baseline_plan.app]
  format   = "sarif"
}

output "sarif" {
  description = "SARIF 2.1.0 for code scanning: each result is located at the instance address."
  value       = data.baseline_report.sarif.content
}

output "compliant" {
  value = data.baseline_plan.app.compliant
}

output "unjudged_types" {
  description = "Resource types in the plan that no control covers."
  value       = data.baseline_plan.app.unjudged_types
}
