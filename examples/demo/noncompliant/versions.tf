terraform {
  required_version = ">= 1.8.0"
  required_providers {
    baseline = {
      source = "cloudbaseline/baseline"
    }
  }
}
