# GitHub is SaaS: GitHub runs the platform, the organisation decides who may
# publish code, how the default branch is protected and where webhooks send
# events. Each integrations/github resource below checks its own planned values
# through `self`; a non-compliant value fails `terraform plan` with one line per
# failed control, naming the attribute and the fix.

terraform {
  required_providers {
    github = {
      source  = "integrations/github"
      version = "~> 6.9"
    }
    baseline = {
      source = "cloudbaseline/baseline"
    }
  }
}

provider "github" {
  owner = "example-org"
}

variable "webhook_secret" {
  description = "Secret GitHub signs webhook deliveries with."
  type        = string
  sensitive   = true
  default     = "change-me"
}

variable "deploy_token_sealed" {
  description = "Deploy token sealed with the repository's public key (never the plaintext)."
  type        = string
  sensitive   = true
  default     = "c2VhbGVkLXdpdGgtdGhlLXJlcG9zaXRvcnktcHVibGljLWtleQ=="
}

resource "github_organization_settings" "this" {
  billing_email                                                = "billing@example.com"
  default_repository_permission                                = "read"
  members_can_create_public_repositories                       = false
  secret_scanning_enabled_for_new_repositories                 = true
  secret_scanning_push_protection_enabled_for_new_repositories = true
  dependency_graph_enabled_for_new_repositories                = true
  dependabot_alerts_enabled_for_new_repositories               = true
  web_commit_signoff_required                                  = true

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("github_organization_settings", self)
      error_message = join("\n", provider::baseline::violations("github_organization_settings", self))
    }
  }
}

resource "github_repository" "service" {
  name                 = "service"
  visibility           = "private"
  vulnerability_alerts = true

  security_and_analysis {
    secret_scanning {
      status = "enabled"
    }
    secret_scanning_push_protection {
      status = "enabled"
    }
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("github_repository", self)
      error_message = join("\n", provider::baseline::violations("github_repository", self))
    }
  }
}

resource "github_branch_protection" "main" {
  repository_id          = github_repository.service.node_id
  pattern                = "main"
  enforce_admins         = true
  require_signed_commits = true
  allows_force_pushes    = false
  allows_deletions       = false

  required_pull_request_reviews {
    required_approving_review_count = 1
    dismiss_stale_reviews           = true
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("github_branch_protection", self)
      error_message = join("\n", provider::baseline::violations("github_branch_protection", self))
    }
  }
}

resource "github_repository_webhook" "ci" {
  repository = github_repository.service.name
  events     = ["push", "pull_request"]

  configuration {
    url          = "https://ci.example.com/github"
    content_type = "json"
    insecure_ssl = false
    secret       = var.webhook_secret
  }

  # The URL and secret are sensitive, which makes every function result on
  # self sensitive: nonsensitive() lets the plan show the message.
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("github_repository_webhook", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("github_repository_webhook", self)))
    }
  }
}

resource "github_actions_secret" "deploy" {
  repository      = github_repository.service.name
  secret_name     = "DEPLOY_TOKEN"
  encrypted_value = var.deploy_token_sealed

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("github_actions_secret", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("github_actions_secret", self)))
    }
  }
}
