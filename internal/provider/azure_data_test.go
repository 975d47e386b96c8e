package provider_test

import (
	"testing"

	"github.com/cloudbaseline/terraform-provider-baseline/internal/acctest"
)

// The Azure database, Kubernetes and registry folders (postgresql, mysql,
// cosmosdb, aks, containerregistry) and a Linux web app (appservice) planned as real azurerm_* blocks, batched
// into one module: the compliant module plans clean (and, on the stand-in,
// applies and plans empty), and each non-compliant variant fails naming the
// control, the attribute and the fix.

const azureSubnetID = `"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db"`

// azureDataModule renders guarded PostgreSQL and MySQL flexible servers with
// their parameters and firewall rules, a Cosmos DB account, an AKS cluster and
// a container registry, every control's setting compliant, but for the
// overrides of over, keyed by resource ("pg", "mysql", "cosmos", "aks", "acr",
// "pgfw", "mysqlfw", "webapp"; "webapp_python" and "aks_ranges" replace a
// value under the key "").
func azureDataModule(over map[string]map[string]string) string {
	pg := guarded("azurerm_postgresql_flexible_server", "main", args(map[string]string{
		"name":                          `"pg-baseline"`,
		"resource_group_name":           "azurerm_resource_group.main.name",
		"location":                      "azurerm_resource_group.main.location",
		"version":                       `"16"`,
		"sku_name":                      `"GP_Standard_D2s_v3"`,
		"public_network_access_enabled": "false",
		"geo_redundant_backup_enabled":  "true",
	}, over["pg"], `
  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
    tenant_id                     = `+azureTenantID+`
  }`))
	pgParam := func(name, param, value string) string {
		return guarded("azurerm_postgresql_flexible_server_configuration", name, args(map[string]string{
			"name":      `"` + param + `"`,
			"server_id": "azurerm_postgresql_flexible_server.main.id",
			"value":     `"` + value + `"`,
		}, nil, ""))
	}
	pgfw := guarded("azurerm_postgresql_flexible_server_firewall_rule", "office", args(map[string]string{
		"name":             `"office"`,
		"server_id":        "azurerm_postgresql_flexible_server.main.id",
		"start_ip_address": `"203.0.113.10"`,
		"end_ip_address":   `"203.0.113.20"`,
	}, over["pgfw"], ""))
	mysql := guarded("azurerm_mysql_flexible_server", "main", args(map[string]string{
		"name":                         `"mysql-baseline"`,
		"resource_group_name":          "azurerm_resource_group.main.name",
		"location":                     "azurerm_resource_group.main.location",
		"sku_name":                     `"GP_Standard_D2ds_v4"`,
		"delegated_subnet_id":          azureSubnetID,
		"public_network_access":        `"Disabled"`,
		"geo_redundant_backup_enabled": "true",
	}, over["mysql"], ""))
	mysqlParam := func(name, param, value string) string {
		return guarded("azurerm_mysql_flexible_server_configuration", name, args(map[string]string{
			"name":                `"` + param + `"`,
			"resource_group_name": "azurerm_resource_group.main.name",
			"server_name":         "azurerm_mysql_flexible_server.main.name",
			"value":               `"` + value + `"`,
		}, over["mysql_"+name], ""))
	}
	mysqlfw := guarded("azurerm_mysql_flexible_server_firewall_rule", "office", args(map[string]string{
		"name":                `"office"`,
		"resource_group_name": "azurerm_resource_group.main.name",
		"server_name":         "azurerm_mysql_flexible_server.main.name",
		"start_ip_address":    `"198.51.100.1"`,
		"end_ip_address":      `"198.51.100.9"`,
	}, over["mysqlfw"], ""))
	cosmos := guarded("azurerm_cosmosdb_account", "main", args(map[string]string{
		"name":                               `"cosmos-baseline"`,
		"resource_group_name":                "azurerm_resource_group.main.name",
		"location":                           "azurerm_resource_group.main.location",
		"offer_type":                         `"Standard"`,
		"public_network_access_enabled":      "false",
		"local_authentication_enabled":       "false",
		"access_key_metadata_writes_enabled": "false",
		"minimal_tls_version":                `"Tls12"`,
		"ip_range_filter":                    `["203.0.113.0/24"]`,
	}, over["cosmos"], `
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }`))
	aks := guarded("azurerm_kubernetes_cluster", "main", args(map[string]string{
		"name":                              `"aks-baseline"`,
		"resource_group_name":               "azurerm_resource_group.main.name",
		"location":                          "azurerm_resource_group.main.location",
		"dns_prefix":                        `"aksbaseline"`,
		"private_cluster_enabled":           "true",
		"role_based_access_control_enabled": "true",
		"local_account_disabled":            "true",
		"azure_policy_enabled":              "true",
	}, over["aks"], `
  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }
  identity {
    type = "SystemAssigned"
  }
  network_profile {
    network_plugin = "azure"
    network_policy = "calico"
  }
  api_server_access_profile {
    authorized_ip_ranges = `+aksRanges(over)+`
  }
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
    tenant_id          = `+azureTenantID+`
  }
  microsoft_defender {
    log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-baseline/providers/Microsoft.OperationalInsights/workspaces/security"
  }`))
	acr := guarded("azurerm_container_registry", "main", args(map[string]string{
		"name":                          `"acrbaseline"`,
		"resource_group_name":           "azurerm_resource_group.main.name",
		"location":                      "azurerm_resource_group.main.location",
		"sku":                           `"Premium"`,
		"admin_enabled":                 "false",
		"public_network_access_enabled": "false",
		"anonymous_pull_enabled":        "false",
		"export_policy_enabled":         "false",
	}, over["acr"], ""))
	python := `"3.12"`
	if v, ok := over["webapp_python"][""]; ok {
		python = v
	}
	plan := `
resource "azurerm_service_plan" "main" {
  name                = "plan-baseline"
  resource_group_name = azurerm_resource_group.main.name
  location            = azurerm_resource_group.main.location
  os_type             = "Linux"
  sku_name            = "P1v3"
}
`
	webapp := guarded("azurerm_linux_web_app", "main", args(map[string]string{
		"name":                          `"app-baseline"`,
		"resource_group_name":           "azurerm_resource_group.main.name",
		"location":                      "azurerm_resource_group.main.location",
		"service_plan_id":               "azurerm_service_plan.main.id",
		"https_only":                    "true",
		"public_network_access_enabled": "false",
		"client_certificate_enabled":    "true",
		"ftp_publish_basic_authentication_enabled":       "false",
		"webdeploy_publish_basic_authentication_enabled": "false",
	}, over["webapp"], `
  identity {
    type = "SystemAssigned"
  }
  site_config {
    minimum_tls_version      = "1.2"
    ftps_state               = "Disabled"
    http2_enabled            = true
    remote_debugging_enabled = false
    application_stack {
      python_version = `+python+`
    }
    cors {
      allowed_origins = ["https://www.example.com"]
    }
  }
  auth_settings_v2 {
    auth_enabled           = true
    require_authentication = true
    unauthenticated_action = "RedirectToLoginPage"
    active_directory_v2 {
      client_id            = "00000000-0000-0000-0000-000000000002"
      tenant_auth_endpoint = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
    }
    login {}
  }`))
	return azureRG + plan + webapp + pg + pgParam("secure_transport", "require_secure_transport", "on") +
		pgParam("log_checkpoints", "log_checkpoints", "on") + pgParam("throttle", "connection_throttle.enable", "on") +
		pgParam("log_retention", "logfiles.retention_days", "7") + pgfw +
		mysql + mysqlParam("tls", "tls_version", "TLSv1.2,TLSv1.3") + mysqlParam("audit", "audit_log_enabled", "ON") +
		mysqlfw + cosmos + aks + acr
}

// aksRanges is the cluster's authorized_ip_ranges, ["203.0.113.0/24"] unless
// over["aks_ranges"][""] replaces it.
func aksRanges(over map[string]map[string]string) string {
	if r, ok := over["aks_ranges"][""]; ok {
		return r
	}
	return `["203.0.113.0/24"]`
}

func TestAccAzure_databasesAndContainers(t *testing.T) {
	planAzure(t, map[string]cloudCase{
		"compliant": {config: azureDataModule(nil)},
		"postgresqlFirewallSpansInternet": {
			config: azureDataModule(map[string]map[string]string{"pgfw": {"start_ip_address": `"1.0.0.0"`, "end_ip_address": `"126.255.255.255"`}}),
			err:    acctest.Wrapped(`(?s)azure-postgresql-firewall-no-internet \[[^]]*\] \([a-z]+\): start_ip_address:.* spans the internet.* Fix: Set start_ip_address and end_ip_address`),
		},
		"mysqlTLS11": {
			config: azureDataModule(map[string]map[string]string{"mysql_tls": {"value": `"TLSv1.1,TLSv1.2"`}}),
			err:    acctest.Wrapped(`(?s)azure-mysql-min-tls-1-2 \[[^]]*\] \([a-z]+\): value:.* Fix: Set value = "TLSv1.2"`),
		},
		// local_authentication_enabled is Optional+Computed: left out it plans
		// unknown, and the account is created with key authentication on.
		"cosmosLocalAuthByDefault": {
			config: azureDataModule(map[string]map[string]string{"cosmos": {"local_authentication_enabled": ""}}),
			err:    acctest.Wrapped(`(?s)azure-cosmosdb-local-auth-disabled \[[^]]*\] \([a-z]+\): local_authentication_enabled:.* Fix: Set local_authentication_enabled = false`),
		},
		"aksPublicWithInternetRanges": {
			config: azureDataModule(map[string]map[string]string{"aks": {"private_cluster_enabled": ""}, "aks_ranges": {"": `["0.0.0.0/1", "128.0.0.0/1"]`}}),
			err:    acctest.Wrapped(`(?s)azure-aks-api-server-authorized-ranges \[[^]]*\] \([a-z]+\): api_server_access_profile\[0\]\.authorized_ip_ranges:.* the internet.* Fix: Add api_server_access_profile`),
		},
		// Python 3.8 reached end of support on 2024-10-07.
		"webAppPython38": {
			config: azureDataModule(map[string]map[string]string{"webapp_python": {"": `"3.8"`}}),
			err:    acctest.Wrapped(`(?s)azure-appservice-supported-runtime \[[^]]*\] \([a-z]+\): site_config\[0\]\.application_stack\[0\]\.python_version: python_version "3.8" reached end of support.* Fix: Set the version`),
		},
		"acrAdminUser": {
			config: azureDataModule(map[string]map[string]string{"acr": {"admin_enabled": "true"}}),
			err:    acctest.Wrapped(`(?s)azure-acr-admin-user-disabled \[[^]]*\] \([a-z]+\): admin_enabled:.* Fix: Set admin_enabled = false`),
		},
	})
}
