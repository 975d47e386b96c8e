# Azure data and platform services: Data Factory, Synapse, Databricks, custom
# roles, API Management, WAF policies.

resource "azurerm_data_factory" "bad_public" {
  name                   = "bad-public-adf"
  location               = "westeurope"
  resource_group_name    = "rg"
  public_network_enabled = true
}

resource "azurerm_data_factory" "ok_private" {
  name                            = "ok-private-adf"
  location                        = "westeurope"
  resource_group_name             = "rg"
  public_network_enabled          = false
  managed_virtual_network_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_synapse_workspace" "bad_public" {
  name                                 = "bad-public-syn"
  resource_group_name                  = "rg"
  location                             = "westeurope"
  storage_data_lake_gen2_filesystem_id = "https://acct.dfs.core.windows.net/fs"
  sql_administrator_login              = "sqladmin"
  sql_administrator_login_password     = "not-a-real-password-1!"
  public_network_access_enabled        = true
}

resource "azurerm_synapse_workspace" "ok_private" {
  name                                 = "ok-private-syn"
  resource_group_name                  = "rg"
  location                             = "westeurope"
  storage_data_lake_gen2_filesystem_id = "https://acct.dfs.core.windows.net/fs"
  public_network_access_enabled        = false
  azuread_authentication_only          = true
  managed_virtual_network_enabled      = true
  data_exfiltration_protection_enabled = true

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_databricks_workspace" "bad_public" {
  name                = "bad-public-dbw"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "premium"

  custom_parameters {
    no_public_ip = false
  }
}

resource "azurerm_databricks_workspace" "ok_private" {
  name                                  = "ok-private-dbw"
  resource_group_name                   = "rg"
  location                              = "westeurope"
  sku                                   = "premium"
  public_network_access_enabled         = false
  network_security_group_rules_required = "NoAzureDatabricksRules"
}

resource "azurerm_role_definition" "bad_custom_owner" {
  name  = "custom-owner"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"

  permissions {
    actions = ["*"]
  }

  assignable_scopes = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
}

resource "azurerm_role_definition" "ok_reader" {
  name  = "vm-reader"
  scope = "/subscriptions/00000000-0000-0000-0000-000000000000"

  permissions {
    actions = ["Microsoft.Compute/virtualMachines/read"]
  }

  assignable_scopes = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
}

resource "azurerm_api_management" "bad_legacy_tls" {
  name                = "bad-legacy-apim"
  location            = "westeurope"
  resource_group_name = "rg"
  publisher_name      = "Example"
  publisher_email     = "api@example.com"
  sku_name            = "Developer_1"

  security {
    backend_tls10_enabled                       = true
    frontend_tls11_enabled                      = true
    tls_rsa_with_aes128_cbc_sha_ciphers_enabled = true
    triple_des_ciphers_enabled                  = true
  }
}

resource "azurerm_api_management" "ok_default" {
  name                = "ok-apim"
  location            = "westeurope"
  resource_group_name = "rg"
  publisher_name      = "Example"
  publisher_email     = "api@example.com"
  sku_name            = "Developer_1"
}

resource "azurerm_web_application_firewall_policy" "bad_detection" {
  name                = "bad-waf"
  resource_group_name = "rg"
  location            = "westeurope"

  policy_settings {
    enabled = true
    mode    = "Detection"
  }

  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

resource "azurerm_web_application_firewall_policy" "ok_prevention" {
  name                = "ok-waf"
  resource_group_name = "rg"
  location            = "westeurope"

  policy_settings {
    enabled = true
    mode    = "Prevention"
  }

  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }
}

resource "azurerm_cdn_frontdoor_firewall_policy" "bad_detection" {
  name                = "badfdwaf"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Detection"
}

resource "azurerm_cdn_frontdoor_firewall_policy" "ok_prevention" {
  name                = "okfdwaf"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Prevention"
}
