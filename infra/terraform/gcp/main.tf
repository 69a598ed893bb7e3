locals {
  name = "cyberplaza-${var.environment}"
  # Collections of the document stores (functions/store-document DocumentStores.COLLECTIONS), prefixed as the functions name them.
  collection_prefix = "cyberplaza${var.environment}"
  collections = ["Orders", "Quotes", "LoginNonces", "Deposits", "ChainCursor", "Settlements", "TxOutbox", "Accounts",
    "IdempotencyKeys", "RateLimits", "Offers", "Providers", "Capacity", "Instances", "WebhookReceipts", "Prices", "PricingRounds",
  "GroupBuys", "Disputes", "Rewards"]
  # Collections whose documents carry an expiry the database's TTL acts on.
  expiring = ["Quotes", "LoginNonces", "ChainCursor", "TxOutbox", "IdempotencyKeys", "RateLimits", "WebhookReceipts", "PricingRounds"]
  work     = ["provision", "settle"]
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
    "coupon-code-key"           = "Key-encryption key (base64, 256 bits) of coupon codes' data keys."
    "webhook-coupons-keys"      = "JSON object: each coupon vendor's own HMAC key it signs deliveries with."
  }
}

resource "google_project_service" "api" {
  for_each = toset(["cloudfunctions.googleapis.com", "run.googleapis.com", "eventarc.googleapis.com", "pubsub.googleapis.com",
    "firestore.googleapis.com", "secretmanager.googleapis.com", "cloudscheduler.googleapis.com", "cloudbuild.googleapis.com",
  "artifactregistry.googleapis.com", "cloudkms.googleapis.com"])
  service            = each.key
  disable_on_destroy = false
}

# ------------------------------------------------------------------ encryption key for topics and the source bucket
resource "google_kms_key_ring" "platform" {
  name     = local.name
  location = var.region
}

resource "google_kms_crypto_key" "platform" {
  name            = "data-at-rest"
  key_ring        = google_kms_key_ring.platform.id
  rotation_period = "7776000s"
  lifecycle {
    prevent_destroy = true
  }
}

data "google_project" "current" {}

resource "google_kms_crypto_key_iam_member" "service_agents" {
  for_each = toset([
    "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com",
    "serviceAccount:service-${data.google_project.current.number}@gs-project-accounts.iam.gserviceaccount.com",
  ])
  crypto_key_id = google_kms_crypto_key.platform.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = each.key
}

# ------------------------------------------------------------------ state: Firestore in native mode
resource "google_firestore_database" "platform" {
  name                              = "(default)"
  location_id                       = var.region
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "OPTIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  depends_on                        = [google_project_service.api]
}

# A partition's rows in order: what every document store port's partition reads ask for.
resource "google_firestore_index" "partition_rows" {
  for_each   = toset(local.collections)
  database   = google_firestore_database.platform.name
  collection = "${local.collection_prefix}${each.key}"
  fields {
    field_path = "_p"
    order      = "ASCENDING"
  }
  fields {
    field_path = "_r"
    order      = "ASCENDING"
  }
}

resource "google_firestore_field" "expires_at" {
  for_each   = toset(local.expiring)
  database   = google_firestore_database.platform.name
  collection = "${local.collection_prefix}${each.key}"
  field      = "expiresAt"
  ttl_config {}
}

# ------------------------------------------------------------------ work topics, their dead letters, the schedules' topics
resource "google_pubsub_topic" "work" {
  for_each     = toset(local.work)
  name         = "${local.collection_prefix}-${each.key}"
  kms_key_name = google_kms_crypto_key.platform.id
  depends_on   = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_pubsub_topic" "dead_letter" {
  for_each     = toset(local.work)
  name         = "${local.collection_prefix}-${each.key}-dead-letter"
  kms_key_name = google_kms_crypto_key.platform.id
  depends_on   = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_pubsub_subscription" "dead_letter" {
  for_each                   = toset(local.work)
  name                       = "${local.collection_prefix}-${each.key}-dead-letter"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  message_retention_duration = "1209600s"
}

resource "google_pubsub_topic" "schedule" {
  for_each     = toset(["escrow-watcher", "meter", "reconciler", "pricing-oracle", "group-buy", "rewards"])
  name         = "${local.collection_prefix}-schedule-${each.key}"
  kms_key_name = google_kms_crypto_key.platform.id
  depends_on   = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_cloud_scheduler_job" "schedule" {
  for_each  = { "escrow-watcher" = "* * * * *", "meter" = "* * * * *", "reconciler" = "*/10 * * * *", "pricing-oracle" = "5 * * * *", "group-buy" = "* * * * *", "rewards" = "10 * * * *" }
  name      = "${local.name}-${each.key}"
  schedule  = each.value
  time_zone = "Etc/UTC"
  pubsub_target {
    topic_name = google_pubsub_topic.schedule[each.key].id
    data       = base64encode("{}")
  }
}

# ------------------------------------------------------------------ secrets
resource "google_secret_manager_secret" "secret" {
  for_each  = local.secrets
  secret_id = "${local.name}-${each.key}"
  labels    = { environment = var.environment }
  annotations = {
    purpose = each.value
  }
  replication {
    auto {}
  }
  depends_on = [google_project_service.api]
}

resource "random_password" "jwt_signing_key" {
  length  = 64
  special = false
}

resource "google_secret_manager_secret_version" "jwt_signing_key" {
  secret      = google_secret_manager_secret.secret["jwt-signing-key"].id
  secret_data = random_password.jwt_signing_key.result
}

# The coupon keys are the platform's own: generated here, 256 bits, base64.
resource "random_bytes" "coupon_key" {
  for_each = toset(["coupon-fingerprint-key", "coupon-code-key"])
  length   = 32
}

resource "google_secret_manager_secret_version" "coupon_key" {
  for_each    = random_bytes.coupon_key
  secret      = google_secret_manager_secret.secret[each.key].id
  secret_data = each.value.base64
}

# ------------------------------------------------------------------ the deployable, in a bucket of its own
resource "google_storage_bucket" "source" {
  name                        = "${var.project}-${local.name}-functions"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  versioning {
    enabled = true
  }
  encryption {
    default_kms_key_name = google_kms_crypto_key.platform.id
  }
  depends_on = [google_kms_crypto_key_iam_member.service_agents]
  #checkov:skip=CKV_GCP_62:The bucket holds only build artifacts uploaded by this stack; its writes are in the project's audit log.
}

resource "google_storage_bucket_object" "functions" {
  name   = "cyberplaza-gcp-${filesha256(var.functions_package)}.zip"
  bucket = google_storage_bucket.source.name
  source = var.functions_package
}

# ------------------------------------------------------------------ Compute Engine's audit log, pushed to the API's /webhooks/gcp
# The push carries an OIDC token for this account and audience; the API accepts those and nothing else
# (CYBERPLAZA_WEBHOOKS_GCP_SERVICE_ACCOUNT and _AUDIENCE below), so no other project's push gets in.
locals {
  vendor_push_audience = "https://${var.api_domain}/webhooks/gcp"
}

resource "google_service_account" "vendor_push" {
  account_id   = trimsuffix(substr("cp-${var.environment}-vendor-push", 0, 30), "-")
  display_name = "CyberPlaza ${var.environment} Compute Engine audit log push"
}

# Pub/Sub's service agent signs the push tokens as that account.
resource "google_service_account_iam_member" "vendor_push_tokens" {
  service_account_id = google_service_account.vendor_push.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_topic" "compute_audit" {
  name         = "${local.collection_prefix}-compute-audit"
  kms_key_name = google_kms_crypto_key.platform.id
  depends_on   = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_logging_project_sink" "compute_audit" {
  name                   = "${local.name}-compute-audit"
  destination            = "pubsub.googleapis.com/${google_pubsub_topic.compute_audit.id}"
  filter                 = "protoPayload.serviceName=\"compute.googleapis.com\" AND logName:\"cloudaudit.googleapis.com%2Factivity\""
  unique_writer_identity = true
}

resource "google_pubsub_topic_iam_member" "compute_audit_sink" {
  topic  = google_pubsub_topic.compute_audit.id
  role   = "roles/pubsub.publisher"
  member = google_logging_project_sink.compute_audit.writer_identity
}

resource "google_pubsub_subscription" "compute_audit_push" {
  name                 = "${local.collection_prefix}-compute-audit-push"
  topic                = google_pubsub_topic.compute_audit.id
  ack_deadline_seconds = 30
  # Never expires for want of activity: a quiet month must not silently end the platform's view of its machines.
  expiration_policy {
    ttl = ""
  }
  push_config {
    push_endpoint = local.vendor_push_audience
    oidc_token {
      service_account_email = google_service_account.vendor_push.email
      audience              = local.vendor_push_audience
    }
  }
}
