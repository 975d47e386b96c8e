# Azure SQL: logical servers (TLS, public access, Entra admin, TDE with a
# customer-managed key), firewall rules, auditing, threat detection,
# databases.

resource "azurerm_mssql_server" "bad_public" {
  name                          = "bad-public-sql"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "12.0"
  administrator_login           = "sqladmin"
  administrator_login_password  = "not-a-real-password-1!"
  minimum_tls_version           = "1.0"
  public_network_access_enabled = true
}

resource "azurerm_mssql_server" "ok_private" {
  name                                         = "ok-private-sql"
  resource_group_name                          = "rg"
  location                                     = "westeurope"
  version                                      = "12.0"
  minimum_tls_version                          = "1.2"
  public_network_access_enabled                = false
  transparent_data_encryption_key_vault_key_id = "https://kv.vault.azure.net/keys/sql/0123456789abcdef0123456789abcdef"

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sql"]
  }
  primary_user_assigned_identity_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sql"

  azuread_administrator {
    login_username              = "sql-admins"
    object_id                   = "11111111-1111-1111-1111-111111111111"
    azuread_authentication_only = true
  }
}

resource "azurerm_mssql_firewall_rule" "bad_all_internet" {
  name             = "all"
  server_id        = azurerm_mssql_server.bad_public.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

# "Allow Azure services and resources to access this server": every Azure
# address, of any tenant.
resource "azurerm_mssql_firewall_rule" "bad_azure_services" {
  name             = "AllowAllWindowsAzureIps"
  server_id        = azurerm_mssql_server.bad_public.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "0.0.0.0"
}

resource "azurerm_mssql_firewall_rule" "ok_office" {
  name             = "office"
  server_id        = azurerm_mssql_server.ok_private.id
  start_ip_address = "203.0.113.1"
  end_ip_address   = "203.0.113.30"
}

resource "azurerm_mssql_server_extended_auditing_policy" "bad_short" {
  server_id              = azurerm_mssql_server.bad_public.id
  enabled                = true
  retention_in_days      = 30
  log_monitoring_enabled = true
}

resource "azurerm_mssql_server_extended_auditing_policy" "ok_long" {
  server_id              = azurerm_mssql_server.ok_private.id
  enabled                = true
  retention_in_days      = 120
  log_monitoring_enabled = true
}

resource "azurerm_mssql_server_security_alert_policy" "bad_disabled" {
  resource_group_name  = "rg"
  server_name          = azurerm_mssql_server.bad_public.name
  state                = "Disabled"
  disabled_alerts      = ["Sql_Injection"]
  email_account_admins = false
}

resource "azurerm_mssql_server_security_alert_policy" "ok_enabled" {
  resource_group_name  = "rg"
  server_name          = azurerm_mssql_server.ok_private.name
  state                = "Enabled"
  email_account_admins = true
  email_addresses      = ["security@example.com"]
  retention_days       = 90
}

resource "azurerm_mssql_database" "bad_no_tde" {
  name                                = "bad-db"
  server_id                           = azurerm_mssql_server.bad_public.id
  transparent_data_encryption_enabled = false
}

resource "azurerm_mssql_database" "ok_default" {
  name      = "ok-db"
  server_id = azurerm_mssql_server.ok_private.id
}
