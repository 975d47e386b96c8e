terraform {
  required_providers {
    baseline = {
      source = "cloudbaseline/baseline"
    }
  }
}

# Planned mode needs no configuration and no credentials.
provider "baseline" {
  # A control whose deciding value is unknown until apply fails the verdict
  # (the default); "defer" decides it at apply instead.
  unknown_values = "fail"

  # Judge every control; raise to "high" to see only high and critical ones.
  minimum_severity = "info"

  # "foundational" (critical and high customer-side controls), "strict" (all)
  # or a framework such as "cis-aws-v3.0".
  baseline = "strict"

  # Judge waiver expiry on the day of the plan, at plan and at apply alike.
  as_of = plantimestamp()

  # Accept one failing control for a reason, an owner and until a date.
  waiver {
    control_id = "aws-s3-bucket-access-logging"
    reason     = "Access-log buckets do not log to themselves."
    owner      = "platform-team"
    expires    = "2027-06-30"
    match      = { "bucket.bucket" = "*-access-logs" }
  }

  # Live mode (baseline_aws_* data sources) is optional and lazy: nothing is
  # read until such a data source is, and planned mode never needs credentials.
  aws {
    region = "eu-west-1"
  }
}
