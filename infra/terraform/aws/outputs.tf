output "api_url" {
  description = "The API's endpoint (point the api_domain's DNS at it)."
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "dead_letter_queues" {
  description = "Where work that failed five times waits for an operator."
  value       = { for name, queue in aws_sqs_queue.dead_letter : name => queue.url }
}

output "tables" {
  description = "The tables, by logical name."
  value       = { for name, table in aws_dynamodb_table.table : name => table.name }
}
