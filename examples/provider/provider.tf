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
}
