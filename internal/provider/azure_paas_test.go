package provider_test

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// azurePaaS renders one root module of guarded Azure PaaS and monitoring
// resources (Event Hubs, Service Bus, Redis, API Management, Application
// Gateway and its WAF policy, Front Door WAF, Data Factory, Synapse,
// Databricks, Log Analytics, an Activity Log alert, Defender for Cloud and
// an NSG whose Deny shadows a later Allow), every one compliant except
// where over replaces a resource's body. Settings the stand-in plans from
// the provider defaults (Redis minimum_tls_version, Databricks no_public_ip,
// the WAF policy's mode) are left unset on purpose.
func azurePaaS(over map[string]string) string {
	body := map[string]string{
		"azurerm_eventhub_namespace": `
  name                          = "ehns-baseline"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  sku                           = "Standard"
  local_authentication_enabled  = false
  public_network_access_enabled = false`,
		"azurerm_servicebus_namespace": `
  name                          = "sb-baseline"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  sku                           = "Standard"
  local_auth_enabled            = false
  public_network_access_enabled = false`,
		"azurerm_redis_cache": `
  name                          = "redis-baseline"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  capacity                      = 1
  family                        = "C"
  sku_name                      = "Standard"
  public_network_access_enabled = false`,
		"azurerm_api_management": `
  name                = "apim-baseline"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  publisher_name      = "Baseline"
  publisher_email     = "api@example.com"
  sku_name            = "Developer_1"
  security {
    frontend_tls10_enabled     = false
    frontend_tls11_enabled     = false
    triple_des_ciphers_enabled = false
  }`,
		"azurerm_web_application_firewall_policy": `
  name                = "waf-baseline"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }`,
		"azurerm_application_gateway": `
  name                = "agw-baseline"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  firewall_policy_id  = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.Network/applicationGatewayWebApplicationFirewallPolicies/waf-baseline"
  sku {
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 2
  }
  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20220101"
  }
  gateway_ip_configuration {
    name      = "gw"
    subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.Network/virtualNetworks/vnet/subnets/agw"
  }
  frontend_port {
    name = "https"
    port = 443
  }
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.Network/publicIPAddresses/agw"
  }
  backend_address_pool {
    name = "app"
  }
  backend_http_settings {
    name                  = "app"
    cookie_based_affinity = "Disabled"
    port                  = 443
    protocol              = "Https"
  }
  http_listener {
    name                           = "https"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "https"
    protocol                       = "Https"
    ssl_certificate_name           = "tls"
  }
  ssl_certificate {
    name                = "tls"
    key_vault_secret_id = "https://kv-baseline.vault.azure.net/secrets/tls"
  }
  request_routing_rule {
    name                       = "app"
    priority                   = 10
    rule_type                  = "Basic"
    http_listener_name         = "https"
    backend_address_pool_name  = "app"
    backend_http_settings_name = "app"
  }`,
		"azurerm_cdn_frontdoor_firewall_policy": `
  name                = "fdwafbaseline"
  resource_group_name = azurerm_resource_group.main.name
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Prevention"`,
		"azurerm_data_factory": `
  name                   = "adf-baseline"
  location               = azurerm_resource_group.main.location
  resource_group_name    = azurerm_resource_group.main.name
  public_network_enabled = false
  identity {
    type = "SystemAssigned"
  }`,
		"azurerm_synapse_workspace": `
  name                                 = "syn-baseline"
  location                             = azurerm_resource_group.main.location
  resource_group_name                  = azurerm_resource_group.main.name
  storage_data_lake_gen2_filesystem_id = "https://stbaseline.dfs.core.windows.net/synapse"
  public_network_access_enabled        = false
  azuread_authentication_only          = true
  managed_virtual_network_enabled      = true
  data_exfiltration_protection_enabled = true
  identity {
    type = "SystemAssigned"
  }`,
		"azurerm_databricks_workspace": `
  name                                  = "dbw-baseline"
  location                              = azurerm_resource_group.main.location
  resource_group_name                   = azurerm_resource_group.main.name
  sku                                   = "premium"
  public_network_access_enabled         = false
  network_security_group_rules_required = "NoAzureDatabricksRules"`,
		"azurerm_log_analytics_workspace": `
  name                       = "law-baseline"
  location                   = azurerm_resource_group.main.location
  resource_group_name        = azurerm_resource_group.main.name
  sku                        = "PerGB2018"
  retention_in_days          = 90
  internet_ingestion_enabled = false
  internet_query_enabled     = false`,
		"azurerm_monitor_activity_log_alert": `
  name                = "alert-nsg-write"
  resource_group_name = azurerm_resource_group.main.name
  location            = "global"
  scopes              = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
  criteria {
    category       = "Administrative"
    operation_name = "Microsoft.Network/networkSecurityGroups/write"
  }
  action {
    action_group_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.Insights/actionGroups/security"
  }`,
		"azurerm_security_center_subscription_pricing": `
  tier          = "Standard"
  resource_type = "StorageAccounts"`,
		"azurerm_security_center_contact": `
  name                = "default"
  email               = "security@example.com"
  alert_notifications = true
  alerts_to_admins    = true`,
		"azurerm_network_security_group": `
  name                = "nsg-web"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  security_rule {
    name                       = "deny-ssh-from-internet"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Deny"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "Internet"
    destination_address_prefix = "*"
  }
  security_rule {
    name                       = "allow-low-ports-from-partners"
    priority                   = 200
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "0-1024"
    source_address_prefix      = "Internet"
    destination_address_prefix = "10.0.1.0/24"
  }`,
	}
	// The NSG's allow of 0-1024 from the internet would fail the HTTP(S)
	// control; the exposure checked here is SSH, so it is guarded on that.
	config := azureRG
	for _, rt := range []string{"azurerm_api_management", "azurerm_application_gateway", "azurerm_cdn_frontdoor_firewall_policy",
		"azurerm_data_factory", "azurerm_databricks_workspace", "azurerm_eventhub_namespace", "azurerm_log_analytics_workspace",
		"azurerm_monitor_activity_log_alert", "azurerm_redis_cache", "azurerm_security_center_contact",
		"azurerm_security_center_subscription_pricing", "azurerm_servicebus_namespace", "azurerm_synapse_workspace",
		"azurerm_web_application_firewall_policy", "azurerm_network_security_group"} {
		b := body[rt]
		if o, ok := over[rt]; ok {
			b = o
		}
		if rt == "azurerm_network_security_group" {
			config += guarded(rt, "main", b, `{ controls = ["azure-network-nsg-no-internet-ssh", "azure-network-nsg-no-internet-rdp"] }`)
			continue
		}
		config += guarded(rt, "main", b)
	}
	return config
}

// TestAccAzure_paasServices plans real azurerm_* blocks of the Event Hubs,
// Service Bus, Redis, API Management, WAF, Data Factory, Synapse,
// Databricks, Log Analytics, monitor (Activity Log alerts), Defender and
// network folders in one root module, compliant, and one broken resource per
// failing case: the plan fails naming the control, the attribute and the
// fix. Unset arguments are planned with the provider defaults the stand-in
// reads from attributes.yaml, so the failing Redis case is judged on the
// planned value true, not on an absent one.
func TestAccAzure_paasServices(t *testing.T) {
	planAzure(t, map[string]cloudCase{
		"compliant": {config: azurePaaS(nil)},
		"redisPublicByDefault": {
			config: azurePaaS(map[string]string{"azurerm_redis_cache": `
  name                = "redis-baseline"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"`}),
			err: acctest.Wrapped(`(?s)azure-redis-public-network-disabled \[[^]]*\] \([a-z]+\): public_network_access_enabled: public_network_access_enabled is true:.* Fix: Set public_network_access_enabled = false`),
		},
		"eventhubLocalAuth": {
			config: azurePaaS(map[string]string{"azurerm_eventhub_namespace": `
  name                          = "ehns-baseline"
  location                      = azurerm_resource_group.main.location
  resource_group_name           = azurerm_resource_group.main.name
  sku                           = "Standard"
  public_network_access_enabled = false`}),
			err: acctest.Wrapped(`(?s)azure-eventhub-local-auth-disabled \[[^]]*\] \([a-z]+\): local_authentication_enabled:.* Fix: Set local_authentication_enabled = false`),
		},
		"wafPolicyDetection": {
			config: azurePaaS(map[string]string{"azurerm_web_application_firewall_policy": `
  name                = "waf-baseline"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  policy_settings {
    mode = "Detection"
  }
  managed_rules {
    managed_rule_set {
      type    = "OWASP"
      version = "3.2"
    }
  }`}),
			err: acctest.Wrapped(`(?s)azure-appgw-waf-prevention \[[^]]*\] \([a-z]+\): policy_settings\[0\]\.mode: mode is "Detection":.* Fix: Set policy_settings`),
		},
		"alertFilteredOnLevel": {
			config: azurePaaS(map[string]string{"azurerm_monitor_activity_log_alert": `
  name                = "alert-nsg-write"
  resource_group_name = azurerm_resource_group.main.name
  location            = "global"
  scopes              = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
  criteria {
    category       = "Administrative"
    operation_name = "Microsoft.Network/networkSecurityGroups/write"
    level          = "Critical"
  }
  action {
    action_group_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.Insights/actionGroups/security"
  }`}),
			err: acctest.Wrapped(`(?s)azure-monitor-alert-create-update-nsg \[[^]]*\] \([a-z]+\): criteria\[0\]\.level: .*level = Critical.* Fix: Scope the azurerm_monitor_activity_log_alert`),
		},
		"nsgWideBlocks": {
			config: azurePaaS(map[string]string{"azurerm_network_security_group": `
  name                = "nsg-web"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name
  security_rule {
    name                       = "ssh-a"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes    = ["0.0.0.0/1"]
    destination_address_prefix = "*"
  }
  security_rule {
    name                       = "ssh-b"
    priority                   = 110
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefixes    = ["128.0.0.0/1"]
    destination_address_prefix = "*"
  }`}),
			err: acctest.Wrapped(`(?s)azure-network-nsg-no-internet-ssh \[[^]]*\] \([a-z]+\): security_rule\[\d\]\.source_address_prefixes\[0\]: .*allows tcp port 22 .*SSH \(tcp port 22\) is reachable from the internet\.? Fix: Set source_address_prefix`),
		},
	})
}
