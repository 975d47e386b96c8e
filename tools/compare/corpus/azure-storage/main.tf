# Azure Storage: accounts (CIS Azure section 3), containers, separate network
# rules. Planned by the azurerm schema stand-in (scripts/compare.sh).

resource "azurerm_storage_account" "bad_open" {
  name                            = "badopen"
  resource_group_name             = "rg"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  min_tls_version                 = "TLS1_0"
  https_traffic_only_enabled      = false
  allow_nested_items_to_be_public = true
  shared_access_key_enabled       = true
  public_network_access_enabled   = true

  network_rules {
    default_action = "Allow"
    bypass         = ["None"]
  }
}

resource "azurerm_storage_account" "ok_private" {
  name                              = "okprivate"
  resource_group_name               = "rg"
  location                          = "westeurope"
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  public_network_access_enabled     = false
  infrastructure_encryption_enabled = true
  cross_tenant_replication_enabled  = false
  local_user_enabled                = false

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sa"]
  }

  customer_managed_key {
    key_vault_key_id          = "https://kv.vault.azure.net/keys/sa/0123456789abcdef0123456789abcdef"
    user_assigned_identity_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sa"
  }

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices", "Logging", "Metrics"]
    ip_rules       = ["203.0.113.0/24"]
  }

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 14
    }
    container_delete_retention_policy {
      days = 14
    }
  }

  queue_properties {
    logging {
      delete                = true
      read                  = true
      write                 = true
      version               = "1.0"
      retention_policy_days = 90
    }
  }

  sas_policy {
    expiration_period = "01.00:00:00"
  }
}

# Everything left to the provider's and Azure's defaults.
resource "azurerm_storage_account" "default" {
  name                     = "defaultsa"
  resource_group_name      = "rg"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_container" "bad_public" {
  name                  = "public"
  storage_account_id    = azurerm_storage_account.bad_open.id
  container_access_type = "blob"
}

resource "azurerm_storage_container" "ok_private" {
  name                  = "private"
  storage_account_id    = azurerm_storage_account.ok_private.id
  container_access_type = "private"
}

resource "azurerm_storage_account_network_rules" "bad_allow" {
  storage_account_id = azurerm_storage_account.default.id
  default_action     = "Allow"
  bypass             = ["None"]
}

resource "azurerm_storage_account_network_rules" "ok_deny" {
  storage_account_id = azurerm_storage_account.ok_private.id
  default_action     = "Deny"
  bypass             = ["AzureServices"]
  ip_rules           = ["203.0.113.4"]
}
