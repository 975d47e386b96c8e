# Every trail of the Region, judged as the account: one good trail satisfies CloudTrail.1.
data "baseline_aws_cloudtrail" "all" {}

# One trail on its own.
data "baseline_aws_cloudtrail" "org" {
  name = "org-trail"
}

output "trail_violations" {
  value = data.baseline_aws_cloudtrail.org.violations
}
