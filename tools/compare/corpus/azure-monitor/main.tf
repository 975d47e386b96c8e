# Azure logging and monitoring: Log Analytics, diagnostic settings (activity
# log and Key Vault), activity log alerts (CIS section 5), Defender for Cloud.

resource "azurerm_log_analytics_workspace" "bad_short" {
  name                       = "bad-short-law"
  location                   = "westeurope"
  resource_group_name        = "rg"
  sku                        = "PerGB2018"
  retention_in_days          = 30
  internet_ingestion_enabled = true
  internet_query_enabled     = true
}

resource "azurerm_log_analytics_workspace" "ok_long" {
  name                         = "ok-long-law"
  location                     = "westeurope"
  resource_group_name          = "rg"
  sku                          = "PerGB2018"
  retention_in_days            = 365
  internet_ingestion_enabled   = false
  internet_query_enabled       = false
  local_authentication_enabled = false
}

resource "azurerm_monitor_diagnostic_setting" "bad_activity_log_partial" {
  name                       = "activity-partial"
  target_resource_id         = "/subscriptions/00000000-0000-0000-0000-000000000000"
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"

  enabled_log {
    category = "Administrative"
  }
}

resource "azurerm_monitor_diagnostic_setting" "ok_activity_log" {
  name                       = "activity-all"
  target_resource_id         = "/subscriptions/00000000-0000-0000-0000-000000000000"
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"

  enabled_log {
    category = "Administrative"
  }
  enabled_log {
    category = "Alert"
  }
  enabled_log {
    category = "Policy"
  }
  enabled_log {
    category = "Security"
  }
}

resource "azurerm_monitor_diagnostic_setting" "ok_key_vault" {
  name                       = "kv-audit"
  target_resource_id         = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/ok-private-kv"
  log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"

  enabled_log {
    category_group = "audit"
  }
}

resource "azurerm_monitor_activity_log_alert" "ok_nsg_write" {
  name                = "nsg-write"
  resource_group_name = "rg"
  location            = "global"
  scopes              = ["/subscriptions/00000000-0000-0000-0000-000000000000"]

  criteria {
    category       = "Administrative"
    operation_name = "Microsoft.Network/networkSecurityGroups/write"
  }

  action {
    action_group_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Insights/actionGroups/sec"
  }
}

resource "azurerm_monitor_activity_log_alert" "bad_disabled_policy_write" {
  name                = "policy-write"
  resource_group_name = "rg"
  location            = "global"
  scopes              = ["/subscriptions/00000000-0000-0000-0000-000000000000"]
  enabled             = false

  criteria {
    category       = "Administrative"
    operation_name = "Microsoft.Authorization/policyAssignments/write"
  }
}

resource "azurerm_security_center_subscription_pricing" "bad_free" {
  tier          = "Free"
  resource_type = "VirtualMachines"
}

resource "azurerm_security_center_subscription_pricing" "ok_standard" {
  tier          = "Standard"
  resource_type = "StorageAccounts"
}

resource "azurerm_security_center_contact" "bad_quiet" {
  name                = "contact-quiet"
  email               = "security@example.com"
  alert_notifications = false
  alerts_to_admins    = false
}

resource "azurerm_security_center_contact" "ok_notify" {
  name                = "contact"
  email               = "security@example.com"
  phone               = "+1-555-555-5555"
  alert_notifications = true
  alerts_to_admins    = true
}
