# A gate module: the deployment plans only when Security Command Center
# reports no active misconfiguration finding in the target project.
variable "project" {
  type        = string
  description = "The project the pipeline deploys into."
}

data "baseline_google_scc" "target" {
  parent = "projects/${var.project}"
}

# The deployment's root module reads this output; its precondition fails the
# plan with one line per failing category and project.
output "scc_gate" {
  value = "no active misconfiguration finding in project ${var.project} (${data.baseline_google_scc.target.findings_read} read)"

  precondition {
    condition     = data.baseline_google_scc.target.compliant
    error_message = "Project ${var.project} fails Security Command Center categories: ${join("; ", data.baseline_google_scc.target.violations)}"
  }
}
