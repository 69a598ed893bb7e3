locals {
  name = "cyberplaza-${var.environment}"
  # Storage and vault names are global and short: letters and digits only.
  compact_name = "cyberplaza${var.environment}"
  # The collections of the document stores (functions/store-document DocumentStores.COLLECTIONS).
  tables = ["Orders", "Quotes", "LoginNonces", "Deposits", "ChainCursor", "Settlements", "TxOutbox", "Accounts",
    "IdempotencyKeys", "RateLimits", "Offers", "Providers", "Capacity", "Instances", "WebhookReceipts", "Prices", "PricingRounds",
  "GroupBuys", "Disputes", "Rewards"]
  queues = ["provision", "settle"]
  secrets = {
    "jwt-signing-key"           = "HS256 key of the API's session tokens."
    "settler-key"               = "Private key of the escrow's SETTLER_ROLE account."
    "guardian-key"              = "Private key of the escrow's GUARDIAN_ROLE account: freezes payouts the platform never made."
    "arbiter-key"               = "Private key of the escrow's ARBITER_ROLE account: splits disputes up to the escalation threshold."
    "rewards-publisher-key"     = "Private key of the rewards reserve's and distributor's PUBLISHER_ROLE and the fee splitter's SPLITTER_ROLE account: funds epochs, proposes roots, splits each week's fees."
    "webhook-aws-key"           = "Key EventBridge's API destination sends with EC2 state changes."
    "webhook-azure-key"         = "Secret delivery header of the Azure Event Grid subscription."
    "azure-client-secret"       = "Client secret of the service principal that manages the platform's Azure VMs."
    "gcp-service-account-key"   = "JSON key of the service account that manages the platform's Compute Engine instances."
    "alibaba-access-key-secret" = "AccessKey secret of the RAM user that manages the platform's ECS instances."
    "gcp-billing-api-key"       = "API key the pricing oracle reads Google's Cloud Billing Catalog with."
    "storage-connection-string" = "Connection string of the platform's storage account (tables, queues)."
    "coupon-fingerprint-key"    = "HMAC key (base64) of coupon codes' fingerprints, by which duplicate codes are found."
    "coupon-code-key"           = "Key-encryption key (base64, 256 bits) of coupon codes' data keys."
    "webhook-coupons-keys"      = "JSON object: each coupon vendor's own HMAC key it signs deliveries with."
  }
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "platform" {
  name     = local.name
  location = var.location
}

# ------------------------------------------------------------------ state and work: one storage account
resource "azurerm_storage_account" "platform" {
  name                            = local.compact_name
  resource_group_name             = azurerm_resource_group.platform.name
  location                        = azurerm_resource_group.platform.location
  account_tier                    = "Standard"
  account_replication_type        = "GZRS"
  min_tls_version                 = "TLS1_2"
  https_traffic_only_enabled      = true
  allow_nested_items_to_be_public = false
  public_network_access_enabled   = true
  local_user_enabled              = false
  shared_access_key_enabled       = true

  network_rules {
    default_action             = "Deny"
    bypass                     = ["AzureServices", "Logging", "Metrics"]
    ip_rules                   = var.allowed_ip_ranges
    virtual_network_subnet_ids = [azurerm_subnet.functions.id]
  }

  blob_properties {
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
      retention_policy_days = 30
    }
  }

  sas_policy {
    expiration_period = "01.00:00:00"
    expiration_action = "Log"
  }

  #checkov:skip=CKV2_AZURE_1:Encrypted at rest with Microsoft-managed keys; a customer-managed key needs a Key Vault key with purge protection per account, planned with the compliance review.
  #checkov:skip=CKV2_AZURE_33:The function app reaches the account through its subnet's service endpoint (network rule above), which needs no private endpoint on the consumption plan.
  #checkov:skip=CKV2_AZURE_40:The Functions host and the Table/Queue SDKs authenticate with the account key from Key Vault; switching to Entra ID auth is planned with identity-based connections.
  #checkov:skip=CKV_AZURE_59:Public network access stays on so the service endpoint and the operators' IP rules apply; the default action denies everything else.
}

resource "azurerm_storage_table" "collection" {
  for_each             = toset(local.tables)
  name                 = "${local.compact_name}${each.key}"
  storage_account_name = azurerm_storage_account.platform.name
}

# Every read, write and delete of the tables and queues goes to the platform's Log Analytics workspace.
resource "azurerm_monitor_diagnostic_setting" "storage" {
  for_each                   = toset(["tableServices", "queueServices"])
  name                       = "${local.name}-${each.key}"
  target_resource_id         = "${azurerm_storage_account.platform.id}/${each.key}/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.platform.id

  enabled_log {
    category = "StorageRead"
  }
  enabled_log {
    category = "StorageWrite"
  }
  enabled_log {
    category = "StorageDelete"
  }
  metric {
    category = "Transaction"
  }
}

# The tables' storage analytics in the same workspace.
resource "azurerm_log_analytics_storage_insights" "tables" {
  name                = "${local.name}-tables"
  resource_group_name = azurerm_resource_group.platform.name
  workspace_id        = azurerm_log_analytics_workspace.platform.id
  storage_account_id  = azurerm_storage_account.platform.id
  storage_account_key = azurerm_storage_account.platform.primary_access_key
  table_names         = [for table in azurerm_storage_table.collection : table.name]
}

# The host moves a message that failed maxDequeueCount (host.json: 5) times to "<queue>-poison": the dead-letter queue.
resource "azurerm_storage_queue" "work" {
  for_each             = toset(concat(local.queues, [for queue in local.queues : "${queue}-poison"]))
  name                 = "${local.compact_name}-${each.key}"
  storage_account_name = azurerm_storage_account.platform.name
}

# ------------------------------------------------------------------ network: the functions' subnet
resource "azurerm_virtual_network" "platform" {
  name                = local.name
  resource_group_name = azurerm_resource_group.platform.name
  location            = azurerm_resource_group.platform.location
  address_space       = ["10.40.0.0/16"]
}

resource "azurerm_subnet" "functions" {
  name                 = "functions"
  resource_group_name  = azurerm_resource_group.platform.name
  virtual_network_name = azurerm_virtual_network.platform.name
  address_prefixes     = ["10.40.1.0/24"]
  service_endpoints    = ["Microsoft.Storage", "Microsoft.KeyVault"]

  delegation {
    name = "functions"
    service_delegation {
      name    = "Microsoft.Web/serverFarms"
      actions = ["Microsoft.Network/virtualNetworks/subnets/action"]
    }
  }
  #checkov:skip=CKV2_AZURE_31:The subnet is delegated to the Functions plan, which does not take a network security group on a delegated subnet.
}

# ------------------------------------------------------------------ secrets
resource "azurerm_key_vault" "platform" {
  name                          = "${local.compact_name}kv"
  resource_group_name           = azurerm_resource_group.platform.name
  location                      = azurerm_resource_group.platform.location
  tenant_id                     = data.azurerm_client_config.current.tenant_id
  sku_name                      = "standard"
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  enable_rbac_authorization     = true
  public_network_access_enabled = true

  network_acls {
    default_action             = "Deny"
    bypass                     = "AzureServices"
    ip_rules                   = var.allowed_ip_ranges
    virtual_network_subnet_ids = [azurerm_subnet.functions.id]
  }
  #checkov:skip=CKV2_AZURE_32:Reached through the functions' subnet service endpoint; a private endpoint is not needed on the consumption plan.
}

resource "random_password" "jwt_signing_key" {
  length  = 64
  special = false
}

# The coupon keys are the platform's own: generated here, 256 bits, base64.
resource "random_bytes" "coupon_key" {
  for_each = toset(["coupon-fingerprint-key", "coupon-code-key"])
  length   = 32
}

locals {
  generated_secrets = merge({
    "jwt-signing-key"           = random_password.jwt_signing_key.result
    "storage-connection-string" = azurerm_storage_account.platform.primary_connection_string
  }, { for name, key in random_bytes.coupon_key : name => key.base64 })
}

resource "azurerm_key_vault_secret" "secret" {
  for_each     = local.secrets
  name         = each.key
  key_vault_id = azurerm_key_vault.platform.id
  content_type = each.value
  # Values other than the generated ones are set by operators after deployment; Terraform keeps what they set.
  value           = lookup(local.generated_secrets, each.key, "unset")
  expiration_date = timeadd(timestamp(), "8760h")

  lifecycle {
    ignore_changes = [value, expiration_date]
  }
}
