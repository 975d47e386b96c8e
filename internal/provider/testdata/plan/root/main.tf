# A root module calling a child module from a local path, which stands in
# for a registry module its users cannot change: module.legacy leaves
# versioning suspended, module.good is compliant.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  access_key                  = "x"
  secret_key                  = "x"
  region                      = "us-east-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

module "legacy" {
  source     = "./modules/store"
  name       = "legacy-logs-example"
  versioning = false
}

module "good" {
  source     = "./modules/store"
  name       = "good-logs-example"
  versioning = true
}
