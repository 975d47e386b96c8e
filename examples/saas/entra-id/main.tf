# Microsoft Entra ID is the identity of Microsoft 365, a SaaS: Microsoft runs
# the service, the tenant decides who signs in, how, and with which
# credentials. Each hashicorp/azuread resource below checks its own planned
# values through `self`; a non-compliant value fails `terraform plan` with one
# line per failed control, naming the attribute and the fix.

terraform {
  required_providers {
    azuread = {
      source  = "hashicorp/azuread"
      version = "~> 3.7"
    }
    baseline = {
      source = "cloudbaseline/baseline"
    }
  }
}

provider "azuread" {}

variable "break_glass_group_id" {
  description = "Object id of the emergency-access group every policy excludes."
  type        = string
  default     = "00000000-0000-0000-0000-0000000000bb"
}

locals {
  # Global Administrator and Privileged Role Administrator (role template ids).
  admin_roles = ["62e90394-69f5-4237-9190-012177145e10", "e8611ab8-c189-46e8-94e1-60213ab1f814"]
  # The built-in phishing-resistant MFA authentication strength.
  phishing_resistant = "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004"
}

# MFA for every user and every application, enforced (not report-only).
resource "azuread_conditional_access_policy" "mfa_all_users" {
  display_name = "Require MFA for all users"
  state        = "enabled"

  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_users  = ["All"]
      excluded_groups = [var.break_glass_group_id]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["mfa"]
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azuread_conditional_access_policy", self)
      error_message = join("\n", provider::baseline::violations("azuread_conditional_access_policy", self))
    }
  }
}

# Administrators: phishing-resistant MFA, 4-hour sessions, no persistent browser.
resource "azuread_conditional_access_policy" "admins" {
  display_name = "Administrators: phishing-resistant MFA"
  state        = "enabled"

  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_roles  = local.admin_roles
      excluded_groups = [var.break_glass_group_id]
    }
  }

  grant_controls {
    operator                          = "OR"
    authentication_strength_policy_id = local.phishing_resistant
  }

  session_controls {
    sign_in_frequency        = 4
    sign_in_frequency_period = "hours"
    persistent_browser_mode  = "never"
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azuread_conditional_access_policy", self)
      error_message = join("\n", provider::baseline::violations("azuread_conditional_access_policy", self))
    }
  }
}

# Legacy authentication cannot do MFA: block it.
resource "azuread_conditional_access_policy" "block_legacy" {
  display_name = "Block legacy authentication"
  state        = "enabled"

  conditions {
    client_app_types = ["exchangeActiveSync", "other"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_users  = ["All"]
      excluded_groups = [var.break_glass_group_id]
    }
  }

  grant_controls {
    operator          = "OR"
    built_in_controls = ["block"]
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azuread_conditional_access_policy", self)
      error_message = join("\n", provider::baseline::violations("azuread_conditional_access_policy", self))
    }
  }
}

resource "azuread_group" "finance" {
  display_name     = "Finance"
  types            = ["Unified"]
  mail_enabled     = true
  mail_nickname    = "finance"
  security_enabled = true
  visibility       = "Private"

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azuread_group", self)
      error_message = join("\n", provider::baseline::violations("azuread_group", self))
    }
  }
}

# The application signs in with a federated credential, not a client secret.
resource "azuread_application" "ci" {
  display_name                   = "ci-deployer"
  fallback_public_client_enabled = false

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azuread_application", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("azuread_application", self)))
    }
  }
}

resource "azuread_application_federated_identity_credential" "github" {
  application_id = azuread_application.ci.id
  display_name   = "github-main"
  audiences      = ["api://AzureADTokenExchange"]
  issuer         = "https://token.actions.githubusercontent.com"
  subject        = "repo:example-org/service:ref:refs/heads/main"
}

resource "azuread_service_principal" "ci" {
  client_id                    = azuread_application.ci.client_id
  app_role_assignment_required = true

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azuread_service_principal", self)
      error_message = join("\n", provider::baseline::violations("azuread_service_principal", self))
    }
  }
}
