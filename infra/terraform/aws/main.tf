locals {
  name   = "cyberplaza-${var.environment}"
  tables = { for table in jsondecode(file("${path.module}/../../tables.json")).tables : table.name => table }
  # The secrets the functions read; values other than the generated signing key are set after deployment.
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
    "coupon-fingerprint-key"    = "HMAC key (base64) of coupon codes' fingerprints, by which duplicate codes are found."
    "webhook-coupons-keys"      = "JSON object: each coupon vendor's own HMAC key it signs deliveries with."
  }
  queues = ["provision", "settle"]
}

data "aws_partition" "current" {}

# One customer-managed key for the platform's data at rest: tables, queues, secrets, logs, function settings.
resource "aws_kms_key" "platform" {
  description         = "${local.name} data at rest"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministers"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${var.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        # EventBridge writes undeliverable vendor events into the encrypted dead-letter queue.
        Sid       = "EventsEncrypt"
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      },
      {
        Sid       = "LogsEncrypt"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = { ArnLike = { "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${var.region}:${var.account_id}:*" } }
      },
    ]
  })
}

resource "aws_kms_alias" "platform" {
  name          = "alias/${local.name}"
  target_key_id = aws_kms_key.platform.key_id
}

# ------------------------------------------------------------------ tables (one definition: infra/tables.json)
resource "aws_dynamodb_table" "table" {
  for_each     = local.tables
  name         = "${local.name}-${each.key}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = each.value.partitionKey.name
  range_key    = try(each.value.sortKey.name, null)

  dynamic "attribute" {
    for_each = { for key in concat(
      [each.value.partitionKey], try([each.value.sortKey], []),
      flatten([for index in try(each.value.indexes, []) : concat([index.partitionKey], try([index.sortKey], []))])
    ) : key.name => key.type }
    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = { for index in try(each.value.indexes, []) : index.name => index }
    content {
      name            = global_secondary_index.key
      hash_key        = global_secondary_index.value.partitionKey.name
      range_key       = try(global_secondary_index.value.sortKey.name, null)
      projection_type = "ALL"
    }
  }

  dynamic "ttl" {
    for_each = try([each.value.ttlAttribute], [])
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.platform.arn
  }

  deletion_protection_enabled = true
}

# ------------------------------------------------------------------ work queues with dead-letter queues
resource "aws_sqs_queue" "dead_letter" {
  for_each                  = toset(local.queues)
  name                      = "${local.name}-${each.key}-dlq"
  message_retention_seconds = 1209600
  kms_master_key_id         = aws_kms_key.platform.arn
}

resource "aws_sqs_queue" "work" {
  for_each                   = toset(local.queues)
  name                       = "${local.name}-${each.key}"
  visibility_timeout_seconds = 180
  kms_master_key_id          = aws_kms_key.platform.arn
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = 5
  })
}

# ------------------------------------------------------------------ secrets
resource "aws_secretsmanager_secret" "secret" {
  for_each    = local.secrets
  name        = "cyberplaza/${var.environment}/${each.key}"
  description = each.value
  kms_key_id  = aws_kms_key.platform.arn
  #checkov:skip=CKV2_AWS_57:Keys of outside parties (vendor credentials, the settler's chain key) are rotated with those parties by the runbook, not by a rotation Lambda that cannot reach them.
}

resource "random_password" "jwt_signing_key" {
  length  = 64
  special = false
}

resource "aws_secretsmanager_secret_version" "jwt_signing_key" {
  secret_id     = aws_secretsmanager_secret.secret["jwt-signing-key"].id
  secret_string = random_password.jwt_signing_key.result
}

# The platform's own HMAC key of coupon fingerprints: generated here, 256 bits, base64.
resource "random_bytes" "coupon_fingerprint_key" {
  length = 32
}

resource "aws_secretsmanager_secret_version" "coupon_fingerprint_key" {
  secret_id     = aws_secretsmanager_secret.secret["coupon-fingerprint-key"].id
  secret_string = random_bytes.coupon_fingerprint_key.base64
}
