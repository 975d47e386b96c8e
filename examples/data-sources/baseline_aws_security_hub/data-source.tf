# In the Security Hub administrator account (in the aggregation Region): the
# control findings of two member accounts, joined to the catalog by their
# AWS Foundational Security Best Practices ids.
data "baseline_aws_security_hub" "prod" {
  accounts         = ["111122223333", "444455556666"]
  minimum_severity = "medium"

  waivers = [{
    control_id = "aws-s3-bucket-public-access-block" # or the Security Hub id "S3.8"
    reason     = "Public website bucket behind CloudFront"
    owner      = "web-team"
    expires    = "2027-06-30"
    match      = { resource = "arn:aws:s3:::www-*" }
  }]
}

# Controls that fail anywhere, with the failing accounts.
output "failing_controls" {
  value = {
    for c in data.baseline_aws_security_hub.prod.controls : c.security_control_id => [
      for a in c.accounts : a.account_id if a.status == "fail"
    ] if c.status == "fail"
  }
}
