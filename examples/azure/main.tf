# Azure resources judged at plan: each hashicorp/azurerm resource checks its
# own planned values through `self`, and a non-compliant value fails
# `terraform plan` with one line per failed control, naming the attribute and
# the fix. Unset arguments mean the provider's defaults (azurerm 4.x lets
# blobs be public and keeps public network access on unless told otherwise).

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
    baseline = {
      source = "cloudbaseline/baseline"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "storage_identity_id" {
  description = "User-assigned identity the storage account reads its key with."
  type        = string
  default     = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-example/providers/Microsoft.ManagedIdentity/userAssignedIdentities/storage"
}

resource "azurerm_resource_group" "main" {
  name     = "rg-example"
  location = "westeurope"
}

resource "azurerm_storage_account" "data" {
  name                              = "stexampledata"
  resource_group_name               = azurerm_resource_group.main.name
  location                          = azurerm_resource_group.main.location
  account_tier                      = "Standard"
  account_replication_type          = "GRS"
  min_tls_version                   = "TLS1_2"
  allow_nested_items_to_be_public   = false
  public_network_access_enabled     = false
  shared_access_key_enabled         = false
  infrastructure_encryption_enabled = true

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
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
    expiration_period = "0.01:00:00"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [var.storage_identity_id]
  }

  customer_managed_key {
    key_vault_key_id          = "https://kv-example.vault.azure.net/keys/storage"
    user_assigned_identity_id = var.storage_identity_id
  }

  # The account's access keys are sensitive, which makes every function
  # result on self sensitive: nonsensitive() lets the plan show the message.
  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azurerm_storage_account", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("azurerm_storage_account", self)))
    }
  }
}

resource "azurerm_storage_container" "data" {
  name                  = "data"
  storage_account_id    = azurerm_storage_account.data.id
  container_access_type = "private"

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azurerm_storage_container", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("azurerm_storage_container", self)))
    }
  }
}

# SSH only from the private administration network, never from the internet.
resource "azurerm_network_security_group" "admin" {
  name                = "nsg-admin"
  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name

  security_rule {
    name                       = "ssh-from-admin-network"
    priority                   = 100
    direction                  = "Inbound"
    access                     = "Allow"
    protocol                   = "Tcp"
    source_port_range          = "*"
    destination_port_range     = "22"
    source_address_prefix      = "10.0.0.0/8"
    destination_address_prefix = "*"
  }

  lifecycle {
    postcondition {
      condition     = provider::baseline::compliant("azurerm_network_security_group", self)
      error_message = nonsensitive(join("\n", provider::baseline::violations("azurerm_network_security_group", self)))
    }
  }
}
