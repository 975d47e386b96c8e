# Azure Container Registry: admin user, public access, anonymous pull,
# export.

resource "azurerm_container_registry" "bad_open" {
  name                          = "badopenacr"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku                           = "Standard"
  admin_enabled                 = true
  public_network_access_enabled = true
  anonymous_pull_enabled        = true
}

resource "azurerm_container_registry" "ok_private" {
  name                          = "okprivateacr"
  resource_group_name           = "rg"
  location                      = "westeurope"
  sku                           = "Premium"
  admin_enabled                 = false
  public_network_access_enabled = false
  anonymous_pull_enabled        = false
  export_policy_enabled         = false
  quarantine_policy_enabled     = true
  trust_policy_enabled          = true
  zone_redundancy_enabled       = true
  data_endpoint_enabled         = true
  retention_policy_in_days      = 7

  georeplications {
    location                = "northeurope"
    zone_redundancy_enabled = true
  }

  network_rule_set {
    default_action = "Deny"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/acr"]
  }

  encryption {
    key_vault_key_id   = "https://kv.vault.azure.net/keys/acr/0123456789abcdef0123456789abcdef"
    identity_client_id = "33333333-3333-3333-3333-333333333333"
  }
}

resource "azurerm_container_registry" "default" {
  name                = "defaultacr"
  resource_group_name = "rg"
  location            = "westeurope"
  sku                 = "Basic"
}
