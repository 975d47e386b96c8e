# Defender for Cloud's assessments of two subscriptions, joined to the
# catalog by the Azure Policy definition behind each recommendation.
# Credentials: azidentity's default chain (AZURE_* environment, workload
# identity federation, managed identity, Azure CLI); the identity needs the
# Security Reader role on both subscriptions.
data "baseline_azure_defender" "prod" {
  subscriptions    = ["00000000-0000-0000-0000-0000000000a1", "00000000-0000-0000-0000-0000000000b2"]
  minimum_severity = "medium"

  waivers = [{
    control_id = "azure-storage-https-only" # or the assessment key
    reason     = "Log archive read by a legacy appliance, replaced in Q1"
    owner      = "platform-team"
    expires    = "2099-03-31"
    match      = { resource = "*/storageAccounts/legacylogs" }
  }]
}

# Recommendations that fail anywhere, with the failing subscriptions.
output "failing_recommendations" {
  value = {
    for c in data.baseline_azure_defender.prod.controls : c.control_id => [
      for s in c.subscriptions : s.subscription_id if s.status == "fail"
    ] if c.status == "fail"
  }
}
