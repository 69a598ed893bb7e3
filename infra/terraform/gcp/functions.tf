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
  # Every function: its entry point class, its trigger, the secrets it reads.
  functions = {
    api = {
      entry_point = "io.cyberplaza.gcp.function.ApiFunction"
      secrets     = ["jwt-signing-key", "webhook-aws-key", "webhook-azure-key", "coupon-fingerprint-key", "coupon-code-key", "webhook-coupons-keys", "settler-key", "arbiter-key"]
      publishes   = ["provision", "settle"]
      max         = 100
    }
    escrow-watcher = {
      entry_point = "io.cyberplaza.gcp.function.EscrowWatcherFunction"
      schedule    = "escrow-watcher"
      secrets     = ["settler-key", "guardian-key"]
      publishes   = ["provision", "settle"]
      max         = 1
    }
    meter = {
      entry_point = "io.cyberplaza.gcp.function.MeterFunction"
      schedule    = "meter"
      secrets     = ["settler-key", "arbiter-key", "guardian-key", "azure-client-secret", "gcp-service-account-key", "alibaba-access-key-secret"]
      publishes   = ["provision", "settle"]
      max         = 1
    }
    reconciler = {
      entry_point = "io.cyberplaza.gcp.function.ReconcilerFunction"
      schedule    = "reconciler"
      secrets     = ["azure-client-secret", "gcp-service-account-key", "alibaba-access-key-secret"]
      publishes   = []
      max         = 1
    }
    pricing-oracle = {
      entry_point = "io.cyberplaza.gcp.function.PricingOracleFunction"
      schedule    = "pricing-oracle"
      secrets     = ["settler-key", "gcp-billing-api-key", "alibaba-access-key-secret"]
      publishes   = []
      max         = 1
    }
    group-buy = {
      entry_point = "io.cyberplaza.gcp.function.GroupBuyFunction"
      schedule    = "group-buy"
      secrets     = ["settler-key", "coupon-fingerprint-key", "coupon-code-key"]
      publishes   = []
      max         = 1
    }
    rewards = {
      entry_point = "io.cyberplaza.gcp.function.RewardsFunction"
      schedule    = "rewards"
      secrets     = ["rewards-publisher-key"]
      publishes   = []
      max         = 1
    }
    provision = {
      entry_point = "io.cyberplaza.gcp.function.ProvisionFunction"
      work        = "provision"
      secrets     = ["azure-client-secret", "gcp-service-account-key", "alibaba-access-key-secret"]
      publishes   = ["settle"]
      max         = 20
    }
    settle = {
      entry_point = "io.cyberplaza.gcp.function.SettleFunction"
      work        = "settle"
      secrets     = ["settler-key"]
      publishes   = []
      max         = 1
    }
  }

  environment = merge(module.settings.variables, {
    CYBERPLAZA_GCP_PROJECT           = var.project
    CYBERPLAZA_GCP_COLLECTION_PREFIX = local.collection_prefix
    CYBERPLAZA_GCP_TOPIC_PREFIX      = local.collection_prefix
    # The only push identity /webhooks/gcp accepts (main.tf: the audit log's push subscription).
    CYBERPLAZA_WEBHOOKS_GCP_AUDIENCE        = local.vendor_push_audience
    CYBERPLAZA_WEBHOOKS_GCP_SERVICE_ACCOUNT = google_service_account.vendor_push.email
    # How many X-Forwarded-For entries Google's front ends append: 1 on the function's own URL, 2 behind
    # an external Application Load Balancer (which a custom API domain needs).
    CYBERPLAZA_API_FORWARDED_HOPS = tostring(var.forwarded_hops)
  })
}

# One identity per function: it reads only its own secrets and publishes only to its own topics.
resource "google_service_account" "function" {
  for_each     = local.functions
  account_id   = substr("${local.name}-${each.key}", 0, 30)
  display_name = "CyberPlaza ${var.environment} ${each.key}"
}

# Firestore grants access per database, not per collection: every function reads and writes documents.
resource "google_project_iam_member" "firestore" {
  for_each = local.functions
  project  = var.project
  role     = "roles/datastore.user"
  member   = "serviceAccount:${google_service_account.function[each.key].email}"
}

resource "google_secret_manager_secret_iam_member" "reads" {
  for_each  = merge([for name, fn in local.functions : { for secret in fn.secrets : "${name}/${secret}" => { function = name, secret = secret } }]...)
  secret_id = google_secret_manager_secret.secret[each.value.secret].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_pubsub_topic_iam_member" "publishes" {
  for_each = merge([for name, fn in local.functions : { for topic in fn.publishes : "${name}/${topic}" => { function = name, topic = topic } }]...)
  topic    = google_pubsub_topic.work[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${google_service_account.function[each.value.function].email}"
}

resource "google_cloudfunctions2_function" "function" {
  for_each = local.functions
  name     = "${local.name}-${each.key}"
  location = var.region

  build_config {
    runtime     = "java21"
    entry_point = each.value.entry_point
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.functions.name
      }
    }
  }

  service_config {
    available_memory                 = "1Gi"
    timeout_seconds                  = 300
    max_instance_count               = each.value.max
    min_instance_count               = each.key == "api" ? 1 : 0
    service_account_email            = google_service_account.function[each.key].email
    ingress_settings                 = each.key == "api" ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
    all_traffic_on_latest_revision   = true
    environment_variables            = local.environment
    max_instance_request_concurrency = each.key == "api" ? 20 : 1

    dynamic "secret_environment_variables" {
      for_each = toset(each.value.secrets)
      content {
        key        = "CYBERPLAZA_SECRET_${upper(replace(secret_environment_variables.value, "-", "_"))}"
        project_id = var.project
        secret     = google_secret_manager_secret.secret[secret_environment_variables.value].secret_id
        version    = "latest"
      }
    }
  }

  dynamic "event_trigger" {
    for_each = try([google_pubsub_topic.work[each.value.work].id], try([google_pubsub_topic.schedule[each.value.schedule].id], []))
    content {
      trigger_region        = var.region
      event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
      pubsub_topic          = event_trigger.value
      retry_policy          = try(each.value.work, null) != null ? "RETRY_POLICY_RETRY" : "RETRY_POLICY_DO_NOT_RETRY"
      service_account_email = google_service_account.function[each.key].email
    }
  }

  depends_on = [google_secret_manager_secret_iam_member.reads, google_project_iam_member.firestore]
  #checkov:skip=CKV_GCP_124:Only the api function admits all traffic: it is the public front door; every other function is internal-only.
}

# Eventarc's push subscriptions of the work topics send what failed five times to the dead-letter topics.
# (Set on the trigger's subscription after creation: the provider does not expose it on the function.)
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = toset(local.work)
  topic    = google_pubsub_topic.dead_letter[each.key].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# The API is the public front door; it authenticates callers itself (Sign-In with Ethereum sessions).
resource "google_cloud_run_service_iam_member" "api_public" {
  location = var.region
  service  = google_cloudfunctions2_function.function["api"].service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
  #checkov:skip=CKV_GCP_102:The API serves wallets on the internet and authenticates them itself; Cloud Run IAM would refuse every one of them.
}

# The triggers of the other functions invoke them as the function's own identity.
resource "google_cloud_run_service_iam_member" "trigger_invoker" {
  for_each = { for name, fn in local.functions : name => fn if name != "api" }
  location = var.region
  service  = google_cloudfunctions2_function.function[each.key].service_config[0].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.function[each.key].email}"
}
