output "api_url" {
  description = "The API's endpoint (point the api_domain's DNS at it)."
  value       = google_cloudfunctions2_function.function["api"].service_config[0].uri
}

output "dead_letter_subscriptions" {
  description = "Where work that failed five times waits for an operator."
  value       = { for name, subscription in google_pubsub_subscription.dead_letter : name => subscription.name }
}
