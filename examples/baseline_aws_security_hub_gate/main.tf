# A pipeline gate: `terraform plan` fails when the account the pipeline
# deploys into fails a customer-side control in Security Hub. The provider
# reads from the Security Hub administrator account, in the aggregation Region.
variable "target_account_id" {
  type        = string
  description = "The account this pipeline deploys into."
}

data "baseline_aws_security_hub" "target" {
  accounts = [var.target_account_id]
  # Critical and high controls only; controls outside the catalog are judged
  # at their Security Hub severity.
  minimum_severity = "high"
}

# Outputs and resources can carry the gate: a failed precondition fails the
# plan. Put the same precondition on the first resource of the deploy.
output "security_hub_gate" {
  value = "${data.baseline_aws_security_hub.target.passed} control checks pass in account ${var.target_account_id}"

  precondition {
    condition     = data.baseline_aws_security_hub.target.compliant
    error_message = "Account ${var.target_account_id} fails Security Hub controls:\n${join("\n", data.baseline_aws_security_hub.target.violations)}"
  }
}
