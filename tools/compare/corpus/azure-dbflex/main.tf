# Azure Database for PostgreSQL and MySQL flexible servers: public access,
# geo-redundant backups, Entra authentication, server parameters (TLS,
# logging), firewall rules.

resource "azurerm_postgresql_flexible_server" "bad_public" {
  name                          = "bad-public-pg"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "B_Standard_B1ms"
  administrator_login           = "pgadmin"
  administrator_password        = "not-a-real-password-1!"
  public_network_access_enabled = true
  geo_redundant_backup_enabled  = false
}

resource "azurerm_postgresql_flexible_server" "ok_private" {
  name                          = "ok-private-pg"
  resource_group_name           = "rg"
  location                      = "westeurope"
  version                       = "16"
  sku_name                      = "GP_Standard_D2s_v3"
  public_network_access_enabled = false
  geo_redundant_backup_enabled  = true
  delegated_subnet_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pg"
  private_dns_zone_id           = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/pg.postgres.database.azure.com"

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = "00000000-0000-0000-0000-000000000000"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pg"]
  }

  customer_managed_key {
    key_vault_key_id                  = "https://kv.vault.azure.net/keys/pg/0123456789abcdef0123456789abcdef"
    primary_user_assigned_identity_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/pg"
  }
}

resource "azurerm_postgresql_flexible_server_configuration" "bad_no_secure_transport" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.bad_public.id
  value     = "off"
}

resource "azurerm_postgresql_flexible_server_configuration" "ok_secure_transport" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.ok_private.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server_configuration" "bad_log_checkpoints" {
  name      = "log_checkpoints"
  server_id = azurerm_postgresql_flexible_server.bad_public.id
  value     = "off"
}

resource "azurerm_postgresql_flexible_server_configuration" "ok_connection_throttling" {
  name      = "connection_throttle.enable"
  server_id = azurerm_postgresql_flexible_server.ok_private.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "bad_all_internet" {
  name             = "all"
  server_id        = azurerm_postgresql_flexible_server.bad_public.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "ok_office" {
  name             = "office"
  server_id        = azurerm_postgresql_flexible_server.bad_public.id
  start_ip_address = "203.0.113.1"
  end_ip_address   = "203.0.113.30"
}

resource "azurerm_mysql_flexible_server" "bad_public" {
  name                         = "bad-public-mysql"
  resource_group_name          = "rg"
  location                     = "westeurope"
  sku_name                     = "B_Standard_B1ms"
  administrator_login          = "myadmin"
  administrator_password       = "not-a-real-password-1!"
  public_network_access        = "Enabled"
  geo_redundant_backup_enabled = false
}

resource "azurerm_mysql_flexible_server" "ok_private" {
  name                         = "ok-private-mysql"
  resource_group_name          = "rg"
  location                     = "westeurope"
  sku_name                     = "GP_Standard_D2ds_v4"
  public_network_access        = "Disabled"
  geo_redundant_backup_enabled = true
  delegated_subnet_id          = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/mysql"
}

resource "azurerm_mysql_flexible_server_configuration" "bad_no_secure_transport" {
  name                = "require_secure_transport"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.bad_public.name
  value               = "OFF"
}

resource "azurerm_mysql_flexible_server_configuration" "ok_tls" {
  name                = "tls_version"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.ok_private.name
  value               = "TLSv1.2"
}

resource "azurerm_mysql_flexible_server_configuration" "ok_audit_log" {
  name                = "audit_log_enabled"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.ok_private.name
  value               = "ON"
}

resource "azurerm_mysql_flexible_server_firewall_rule" "bad_all_internet" {
  name                = "all"
  resource_group_name = "rg"
  server_name         = azurerm_mysql_flexible_server.bad_public.name
  start_ip_address    = "0.0.0.0"
  end_ip_address      = "255.255.255.255"
}
