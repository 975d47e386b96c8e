data "baseline_aws_s3_bucket" "artifacts" {
  bucket = "example-artifacts"
}

output "artifacts_violations" {
  value = data.baseline_aws_s3_bucket.artifacts.violations
}
