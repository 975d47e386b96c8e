terraform {
  required_version = ">= 1.8.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.40"
    }
    baseline = {
      source = "cloudbaseline/baseline"
    }
  }
}

# Planned offline: fake keys and no account lookup, so `terraform plan` needs
# no credentials and no network. Drop the keys and the skip_* settings to plan
# against a real account.
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "demo"
  secret_key                  = "demo"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
