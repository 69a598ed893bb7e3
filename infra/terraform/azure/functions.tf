module "settings" {
  source         = "../modules/function-settings"
  environment    = var.environment
  chain          = var.chain
  rewards        = var.rewards
  ve             = var.ve
  first_operator = var.first_operator
  api_domain     = var.api_domain
}

locals {
  key_vault_reference = { for name, secret in azurerm_key_vault_secret.secret : name => "@Microsoft.KeyVault(SecretUri=${secret.versionless_id})" }

  app_settings = merge(module.settings.variables, {
    # The storage the triggers read (connection "CYBERPLAZA_AZURE_STORAGE") and the stores and queues write.
    CYBERPLAZA_AZURE_STORAGE         = local.key_vault_reference["storage-connection-string"]
    CYBERPLAZA_AZURE_TABLE_PREFIX    = local.compact_name
    CYBERPLAZA_AZURE_QUEUE_PREFIX    = local.compact_name
    CYBERPLAZA_PROVISION_QUEUE       = azurerm_storage_queue.work["provision"].name
    CYBERPLAZA_SETTLE_QUEUE          = azurerm_storage_queue.work["settle"].name
    CYBERPLAZA_ESCROW_WATCH_SCHEDULE = "0 * * * * *"
    CYBERPLAZA_METER_SCHEDULE        = "30 * * * * *"
    CYBERPLAZA_RECONCILER_SCHEDULE   = "0 */10 * * * *"
    CYBERPLAZA_PRICING_SCHEDULE      = "0 5 * * * *"
    CYBERPLAZA_GROUP_BUY_SCHEDULE    = "15 * * * * *"
    CYBERPLAZA_REWARDS_SCHEDULE      = "0 10 * * * *"
    WEBSITE_RUN_FROM_PACKAGE         = "1"
    APPLICATIONINSIGHTS_ROLE_NAME    = local.name
    }, {
    # Each secret as the app setting the function's SecretStore reads, resolved by the platform from Key Vault.
    for name, reference in local.key_vault_reference : "CYBERPLAZA_SECRET_${upper(replace(name, "-", "_"))}" => reference
    if name != "storage-connection-string"
  })
}

resource "azurerm_log_analytics_workspace" "platform" {
  name                = local.name
  resource_group_name = azurerm_resource_group.platform.name
  location            = azurerm_resource_group.platform.location
  sku                 = "PerGB2018"
  retention_in_days   = 365
}

resource "azurerm_application_insights" "platform" {
  name                = local.name
  resource_group_name = azurerm_resource_group.platform.name
  location            = azurerm_resource_group.platform.location
  workspace_id        = azurerm_log_analytics_workspace.platform.id
  application_type    = "java"
}

resource "azurerm_service_plan" "functions" {
  name                   = local.name
  resource_group_name    = azurerm_resource_group.platform.name
  location               = azurerm_resource_group.platform.location
  os_type                = "Linux"
  sku_name               = "EP1"
  zone_balancing_enabled = true
  worker_count           = 3
}

# The Maven-built app (host.json, one folder per function with its generated function.json, the jars).
data "archive_file" "functions" {
  type        = "zip"
  source_dir  = var.functions_staging_dir
  output_path = "${path.module}/.terraform/cyberplaza-azure-functions.zip"
}

resource "azurerm_linux_function_app" "platform" {
  name                          = local.name
  resource_group_name           = azurerm_resource_group.platform.name
  location                      = azurerm_resource_group.platform.location
  service_plan_id               = azurerm_service_plan.functions.id
  storage_account_name          = azurerm_storage_account.platform.name
  storage_account_access_key    = azurerm_storage_account.platform.primary_access_key
  https_only                    = true
  public_network_access_enabled = true
  virtual_network_subnet_id     = azurerm_subnet.functions.id
  zip_deploy_file               = data.archive_file.functions.output_path
  app_settings                  = local.app_settings

  identity {
    type = "SystemAssigned"
  }

  site_config {
    minimum_tls_version                    = "1.2"
    ftps_state                             = "Disabled"
    http2_enabled                          = true
    vnet_route_all_enabled                 = true
    application_insights_connection_string = azurerm_application_insights.platform.connection_string
    application_stack {
      java_version = "21"
    }
  }

  #checkov:skip=CKV_AZURE_56:The API authenticates callers itself (Sign-In with Ethereum sessions) and serves public routes; App Service authentication would refuse them.
  #checkov:skip=CKV_AZURE_221:This app is the API's public front door: it must be reachable from the internet.
  #checkov:skip=CKV_AZURE_159:Callers are wallets and vendor webhooks, which present no client certificates.
}

resource "azurerm_role_assignment" "functions_read_secrets" {
  scope                = azurerm_key_vault.platform.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_linux_function_app.platform.identity[0].principal_id
}

# ------------------------------------------------------------------ vendor events: ARM events of the subscription
resource "azurerm_eventgrid_system_topic" "subscription" {
  name                   = "${local.name}-arm"
  resource_group_name    = azurerm_resource_group.platform.name
  location               = "global"
  source_arm_resource_id = "/subscriptions/${var.subscription_id}"
  topic_type             = "Microsoft.Resources.Subscriptions"
}

resource "azurerm_eventgrid_system_topic_event_subscription" "vm_events" {
  name                = "${local.name}-vm-events"
  system_topic        = azurerm_eventgrid_system_topic.subscription.name
  resource_group_name = azurerm_resource_group.platform.name
  included_event_types = ["Microsoft.Resources.ResourceWriteSuccess", "Microsoft.Resources.ResourceDeleteSuccess",
  "Microsoft.Resources.ResourceActionSuccess"]

  azure_function_endpoint {
    function_id = "${azurerm_linux_function_app.platform.id}/functions/vendorEvents"
  }

  advanced_filter {
    string_contains {
      key    = "subject"
      values = ["/providers/Microsoft.Compute/virtualMachines/"]
    }
  }

  retry_policy {
    max_delivery_attempts = 30
    event_time_to_live    = 1440
  }
}
