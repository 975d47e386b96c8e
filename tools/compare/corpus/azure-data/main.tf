# Azure data and messaging services: Cosmos DB, Redis, Event Hubs,
# Service Bus.

resource "azurerm_cosmosdb_account" "bad_open" {
  name                               = "bad-open-cosmos"
  location                           = "westeurope"
  resource_group_name                = "rg"
  offer_type                         = "Standard"
  public_network_access_enabled      = true
  local_authentication_disabled      = false
  access_key_metadata_writes_enabled = true
  minimal_tls_version                = "Tls"

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

resource "azurerm_cosmosdb_account" "ok_private" {
  name                               = "ok-private-cosmos"
  location                           = "westeurope"
  resource_group_name                = "rg"
  offer_type                         = "Standard"
  public_network_access_enabled      = false
  is_virtual_network_filter_enabled  = true
  local_authentication_disabled      = true
  access_key_metadata_writes_enabled = false
  minimal_tls_version                = "Tls12"
  key_vault_key_id                   = "https://kv.vault.azure.net/keys/cosmos"
  ip_range_filter                    = ["203.0.113.0/24"]

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }

  virtual_network_rule {
    id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/app"
  }
}

resource "azurerm_redis_cache" "bad_open" {
  name                          = "bad-open-redis"
  location                      = "westeurope"
  resource_group_name           = "rg"
  capacity                      = 1
  family                        = "C"
  sku_name                      = "Standard"
  non_ssl_port_enabled          = true
  minimum_tls_version           = "1.0"
  public_network_access_enabled = true
}

resource "azurerm_redis_cache" "ok_private" {
  name                          = "ok-private-redis"
  location                      = "westeurope"
  resource_group_name           = "rg"
  capacity                      = 1
  family                        = "P"
  sku_name                      = "Premium"
  non_ssl_port_enabled          = false
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
}

resource "azurerm_redis_firewall_rule" "bad_all_internet" {
  name                = "all"
  redis_cache_name    = azurerm_redis_cache.bad_open.name
  resource_group_name = "rg"
  start_ip            = "0.0.0.0"
  end_ip              = "255.255.255.255"
}

resource "azurerm_eventhub_namespace" "bad_open" {
  name                          = "bad-open-eh"
  location                      = "westeurope"
  resource_group_name           = "rg"
  sku                           = "Standard"
  local_authentication_enabled  = true
  public_network_access_enabled = true
  minimum_tls_version           = "1.2"
}

resource "azurerm_eventhub_namespace" "ok_private" {
  name                          = "ok-private-eh"
  location                      = "westeurope"
  resource_group_name           = "rg"
  sku                           = "Premium"
  capacity                      = 1
  local_authentication_enabled  = false
  public_network_access_enabled = false
  minimum_tls_version           = "1.2"

  identity {
    type = "SystemAssigned"
  }

  network_rulesets {
    default_action                 = "Deny"
    public_network_access_enabled  = false
    trusted_service_access_enabled = true
  }
}

resource "azurerm_servicebus_namespace" "bad_open" {
  name                          = "bad-open-sb"
  location                      = "westeurope"
  resource_group_name           = "rg"
  sku                           = "Standard"
  local_auth_enabled            = true
  public_network_access_enabled = true
  minimum_tls_version           = "1.0"
}

resource "azurerm_servicebus_namespace" "ok_private" {
  name                          = "ok-private-sb"
  location                      = "westeurope"
  resource_group_name           = "rg"
  sku                           = "Premium"
  capacity                      = 1
  premium_messaging_partitions  = 1
  local_auth_enabled            = false
  public_network_access_enabled = false
  minimum_tls_version           = "1.2"

  identity {
    type         = "UserAssigned"
    identity_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sb"]
  }

  customer_managed_key {
    key_vault_key_id                  = "https://kv.vault.azure.net/keys/sb/0123456789abcdef0123456789abcdef"
    identity_id                       = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/sb"
    infrastructure_encryption_enabled = true
  }
}
