# Azure Kubernetes Service: private API server, authorized ranges, RBAC and
# Entra integration, local accounts, network policy, Defender, Azure Policy.

resource "azurerm_kubernetes_cluster" "bad_public" {
  name                              = "bad-public-aks"
  location                          = "westeurope"
  resource_group_name               = "rg"
  dns_prefix                        = "badaks"
  role_based_access_control_enabled = false
  local_account_disabled            = false

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }

  identity {
    type = "SystemAssigned"
  }

  api_server_access_profile {
    authorized_ip_ranges = ["0.0.0.0/0"]
  }
}

resource "azurerm_kubernetes_cluster" "ok_private" {
  name                              = "ok-private-aks"
  location                          = "westeurope"
  resource_group_name               = "rg"
  dns_prefix                        = "okaks"
  private_cluster_enabled           = true
  role_based_access_control_enabled = true
  local_account_disabled            = true
  azure_policy_enabled              = true
  automatic_upgrade_channel         = "stable"
  sku_tier                          = "Standard"
  disk_encryption_set_id            = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/aks"

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4s_v5"
    node_count                   = 3
    max_pods                     = 50
    os_disk_type                 = "Ephemeral"
    host_encryption_enabled      = true
    only_critical_addons_enabled = true
    vnet_subnet_id               = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/aks"
    zones                        = ["1", "2", "3"]
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "azure"
    network_policy = "azure"
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled = true
    tenant_id          = "00000000-0000-0000-0000-000000000000"
  }

  microsoft_defender {
    log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"
  }

  oms_agent {
    log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }
}

resource "azurerm_kubernetes_cluster" "default" {
  name                = "default-aks"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "defaultaks"

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D2s_v5"
    node_count = 1
  }

  identity {
    type = "SystemAssigned"
  }
}
