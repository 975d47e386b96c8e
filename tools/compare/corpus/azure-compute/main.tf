# Azure virtual machines and managed disks: SSH keys, encryption at host,
# customer-managed keys, public disk access.

resource "azurerm_linux_virtual_machine" "bad_password" {
  name                            = "bad-password-vm"
  resource_group_name             = "rg"
  location                        = "westeurope"
  size                            = "Standard_B2s"
  admin_username                  = "azureuser"
  admin_password                  = "not-a-real-password-1!"
  disable_password_authentication = false
  allow_extension_operations      = true
  network_interface_ids           = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/bad"]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_linux_virtual_machine" "ok_hardened" {
  name                            = "ok-hardened-vm"
  resource_group_name             = "rg"
  location                        = "westeurope"
  size                            = "Standard_D2s_v5"
  admin_username                  = "azureuser"
  disable_password_authentication = true
  encryption_at_host_enabled      = true
  allow_extension_operations      = false
  secure_boot_enabled             = true
  vtpm_enabled                    = true
  network_interface_ids           = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/ok"]

  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBaselineCompareCorpusKeyNotReal0000000000000 corpus"
  }

  os_disk {
    caching                = "ReadWrite"
    storage_account_type   = "Premium_LRS"
    disk_encryption_set_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu-24_04-lts"
    sku       = "server"
    version   = "latest"
  }
}

resource "azurerm_windows_virtual_machine" "default" {
  name                  = "default-vm"
  resource_group_name   = "rg"
  location              = "westeurope"
  size                  = "Standard_B2s"
  admin_username        = "azureuser"
  admin_password        = "not-a-real-password-1!"
  network_interface_ids = ["/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/default"]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }

  source_image_reference {
    publisher = "MicrosoftWindowsServer"
    offer     = "WindowsServer"
    sku       = "2022-datacenter-azure-edition"
    version   = "latest"
  }
}

resource "azurerm_managed_disk" "bad_public" {
  name                          = "bad-public-disk"
  location                      = "westeurope"
  resource_group_name           = "rg"
  storage_account_type          = "Standard_LRS"
  create_option                 = "Empty"
  disk_size_gb                  = 32
  public_network_access_enabled = true
  network_access_policy         = "AllowAll"
}

resource "azurerm_managed_disk" "ok_private_cmk" {
  name                          = "ok-private-disk"
  location                      = "westeurope"
  resource_group_name           = "rg"
  storage_account_type          = "Premium_LRS"
  create_option                 = "Empty"
  disk_size_gb                  = 32
  public_network_access_enabled = false
  network_access_policy         = "DenyAll"
  disk_encryption_set_id        = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des"
}

# Public access closed by public_network_access_enabled alone (the Compute API
# documents either setting as closing it).
resource "azurerm_managed_disk" "ok_public_access_off_only" {
  name                          = "ok-public-off-disk"
  location                      = "westeurope"
  resource_group_name           = "rg"
  storage_account_type          = "Premium_LRS"
  create_option                 = "Empty"
  disk_size_gb                  = 32
  public_network_access_enabled = false
}
