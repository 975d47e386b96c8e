# A gate module: the deployment plans only when Defender for Cloud reports
# no failing customer-side recommendation in the target subscription.
variable "subscription_id" {
  type        = string
  description = "The subscription the pipeline deploys into."
}

data "baseline_azure_defender" "target" {
  subscriptions    = [var.subscription_id]
  minimum_severity = "high"
}

# The guardrail fails the plan with one error per failing recommendation
# (control id, failing resources, remediation); a read error fails it too.
resource "baseline_guardrail" "defender" {
  verdicts = data.baseline_azure_defender.target
}

output "defender_gate" {
  value = "${data.baseline_azure_defender.target.passed} recommendation checks pass in subscription ${var.subscription_id}"
}
