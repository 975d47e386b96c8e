# Account-level posture of the configured account and Region, read live.
data "baseline_aws_account" "this" {
  # Root MFA is handled by the organisation's break-glass process.
  exclude_controls = ["aws-iam-root-mfa"]
}

# Fail the plan before deploying into an account that is not set up.
check "account_baseline" {
  assert {
    condition     = data.baseline_aws_account.this.compliant
    error_message = join("\n", data.baseline_aws_account.this.violations)
  }
}
