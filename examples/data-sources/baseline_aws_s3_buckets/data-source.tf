# Every bucket of the team in the provider's Region, read in parallel.
data "baseline_aws_s3_buckets" "team" {
  name_prefix = "team-a-"
  tags = {
    owner = "team-a"
  }
}

output "non_compliant_buckets" {
  value = [for b in data.baseline_aws_s3_buckets.team.buckets : b.name if !b.compliant]
}
