# App Service web apps and Function Apps: HTTPS, TLS, FTPS, basic auth,
# managed identity, HTTP/2, remote debugging, client certificates,
# authentication, public access, CORS, runtime.

locals {
  plan = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Web/serverFarms/plan"
}

resource "azurerm_linux_web_app" "bad_open" {
  name                                     = "bad-open-app"
  resource_group_name                      = "rg"
  location                                 = "westeurope"
  service_plan_id                          = local.plan
  https_only                               = false
  client_certificate_enabled               = false
  public_network_access_enabled            = true
  ftp_publish_basic_authentication_enabled = true

  site_config {
    minimum_tls_version      = "1.0"
    ftps_state               = "AllAllowed"
    http2_enabled            = false
    remote_debugging_enabled = true
    cors {
      allowed_origins = ["*"]
    }
    application_stack {
      php_version = "7.4"
    }
  }
}

resource "azurerm_linux_web_app" "ok_locked" {
  name                                           = "ok-locked-app"
  resource_group_name                            = "rg"
  location                                       = "westeurope"
  service_plan_id                                = local.plan
  https_only                                     = true
  client_certificate_enabled                     = true
  client_certificate_mode                        = "Required"
  public_network_access_enabled                  = false
  ftp_publish_basic_authentication_enabled       = false
  webdeploy_publish_basic_authentication_enabled = false

  identity {
    type = "SystemAssigned"
  }

  site_config {
    minimum_tls_version      = "1.2"
    ftps_state               = "Disabled"
    http2_enabled            = true
    remote_debugging_enabled = false
    health_check_path        = "/healthz"
    application_stack {
      python_version = "3.12"
    }
  }

  auth_settings_v2 {
    auth_enabled = true
    # require_https defaults to true in azurerm 4.x; set here because the
    # stand-in does not know that default (the catalog does not read it).
    require_https = true
    login {}
    active_directory_v2 {
      client_id            = "22222222-2222-2222-2222-222222222222"
      tenant_auth_endpoint = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
    }
  }

  logs {
    detailed_error_messages = true
    failed_request_tracing  = true
    http_logs {
      file_system {
        retention_in_days = 90
        retention_in_mb   = 100
      }
    }
  }
}

resource "azurerm_linux_web_app" "default" {
  name                = "default-app"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = local.plan

  site_config {}
}

resource "azurerm_windows_function_app" "bad_open" {
  name                       = "bad-open-func"
  resource_group_name        = "rg"
  location                   = "westeurope"
  service_plan_id            = local.plan
  storage_account_name       = "funcsa"
  storage_account_access_key = "not-a-real-key"
  https_only                 = false

  site_config {
    minimum_tls_version = "1.1"
    ftps_state          = "AllAllowed"
  }
}

resource "azurerm_linux_function_app" "ok_locked" {
  name                                           = "ok-locked-func"
  resource_group_name                            = "rg"
  location                                       = "westeurope"
  service_plan_id                                = local.plan
  storage_account_name                           = "funcsa"
  storage_uses_managed_identity                  = true
  https_only                                     = true
  client_certificate_enabled                     = true
  client_certificate_mode                        = "Required"
  public_network_access_enabled                  = false
  ftp_publish_basic_authentication_enabled       = false
  webdeploy_publish_basic_authentication_enabled = false

  identity {
    type = "SystemAssigned"
  }

  site_config {
    minimum_tls_version      = "1.2"
    ftps_state               = "Disabled"
    http2_enabled            = true
    remote_debugging_enabled = false
    application_stack {
      python_version = "3.12"
    }
  }

  auth_settings_v2 {
    auth_enabled = true
    # require_https defaults to true in azurerm 4.x; set here because the
    # stand-in does not know that default (the catalog does not read it).
    require_https = true
    login {}
    active_directory_v2 {
      client_id            = "22222222-2222-2222-2222-222222222222"
      tenant_auth_endpoint = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0"
    }
  }
}
