# Every CIS AWS Foundations v3.0 control of high severity or above.
data "baseline_controls" "cis_high" {
  framework        = "cis-aws-v3.0"
  minimum_severity = "high"
}

output "cis_high_ids" {
  value = data.baseline_controls.cis_high.ids
}
