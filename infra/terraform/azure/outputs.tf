output "api_url" {
  description = "The API's endpoint (point the api_domain's DNS at it)."
  value       = "https://${azurerm_linux_function_app.platform.default_hostname}"
}

output "poison_queues" {
  description = "Where work that failed five times waits for an operator."
  value       = [for queue in local.queues : azurerm_storage_queue.work["${queue}-poison"].name]
}

output "key_vault" {
  description = "Where operators set the settler's key and the vendors' credentials after deployment."
  value       = azurerm_key_vault.platform.vault_uri
}
