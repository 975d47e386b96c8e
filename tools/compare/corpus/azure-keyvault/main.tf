# Azure Key Vault: vaults (purge protection, soft delete, network ACLs, RBAC,
# public access), keys and secrets (expiry, rotation, size, HSM).

resource "azurerm_key_vault" "bad_open" {
  name                          = "bad-open-kv"
  location                      = "westeurope"
  resource_group_name           = "rg"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  purge_protection_enabled      = false
  soft_delete_retention_days    = 7
  public_network_access_enabled = true
  rbac_authorization_enabled    = false

  network_acls {
    default_action = "Allow"
    bypass         = "None"
  }
}

resource "azurerm_key_vault" "ok_private" {
  name                          = "ok-private-kv"
  location                      = "westeurope"
  resource_group_name           = "rg"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "premium"
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = false
  rbac_authorization_enabled    = true

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
    ip_rules       = ["203.0.113.0/24"]
  }
}

resource "azurerm_key_vault" "default" {
  name                = "default-kv"
  location            = "westeurope"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "azurerm_key_vault_key" "bad_no_expiry" {
  name         = "bad-key"
  key_vault_id = azurerm_key_vault.bad_open.id
  key_type     = "RSA"
  key_size     = 1024
  key_opts     = ["decrypt", "encrypt", "sign", "unwrapKey", "verify", "wrapKey"]
}

resource "azurerm_key_vault_key" "ok_hsm_rotated" {
  name            = "ok-key"
  key_vault_id    = azurerm_key_vault.ok_private.id
  key_type        = "RSA-HSM"
  key_size        = 3072
  key_opts        = ["decrypt", "encrypt", "sign", "unwrapKey", "verify", "wrapKey"]
  expiration_date = "2027-06-30T00:00:00Z"

  rotation_policy {
    expire_after         = "P90D"
    notify_before_expiry = "P29D"
    automatic {
      time_before_expiry = "P30D"
    }
  }
}

resource "azurerm_key_vault_secret" "bad_no_expiry" {
  name         = "bad-secret"
  value        = "not-a-real-secret"
  key_vault_id = azurerm_key_vault.bad_open.id
}

resource "azurerm_key_vault_secret" "ok_expiring" {
  name            = "ok-secret"
  value           = "not-a-real-secret"
  content_type    = "text/plain"
  expiration_date = "2027-06-30T00:00:00Z"
  key_vault_id    = azurerm_key_vault.ok_private.id
}
