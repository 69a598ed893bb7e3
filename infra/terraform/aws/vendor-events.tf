# ------------------------------------------------------------------ EC2 state changes -> the vendor webhook
# The webhook key is generated here and kept in the secret the webhook function reads.
resource "random_password" "webhook_aws_key" {
  length  = 48
  special = false
}

resource "aws_secretsmanager_secret_version" "webhook_aws_key" {
  secret_id     = aws_secretsmanager_secret.secret["webhook-aws-key"].id
  secret_string = random_password.webhook_aws_key.result
}

resource "aws_cloudwatch_event_connection" "webhook" {
  name               = "${local.name}-vendor-webhook"
  description        = "API key of the vendor webhook's EC2 route"
  authorization_type = "API_KEY"
  auth_parameters {
    api_key {
      key   = "X-CyberPlaza-Webhook-Key"
      value = random_password.webhook_aws_key.result
    }
  }
}

resource "aws_cloudwatch_event_api_destination" "webhook" {
  name                             = "${local.name}-vendor-webhook"
  connection_arn                   = aws_cloudwatch_event_connection.webhook.arn
  invocation_endpoint              = "${aws_apigatewayv2_stage.default.invoke_url}webhooks/aws"
  http_method                      = "POST"
  invocation_rate_limit_per_second = 20
}

resource "aws_sqs_queue" "ec2_state_change_dead_letter" {
  name                      = "${local.name}-ec2-state-change-dlq"
  message_retention_seconds = 1209600
  kms_master_key_id         = aws_kms_key.platform.arn
}

resource "aws_cloudwatch_event_rule" "ec2_state_change" {
  name        = "${local.name}-ec2-state-change"
  description = "EC2 instance state changes to the vendor webhook (usage clock, vendor-side stops)"
  event_pattern = jsonencode({
    source        = ["aws.ec2"]
    "detail-type" = ["EC2 Instance State-change Notification"]
  })
}

data "aws_iam_policy_document" "assume_events" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "ec2_state_change" {
  name               = "${local.name}-ec2-state-change"
  assume_role_policy = data.aws_iam_policy_document.assume_events.json
}

resource "aws_iam_role_policy" "ec2_state_change" {
  name = "invoke-webhook-destination"
  role = aws_iam_role.ec2_state_change.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "events:InvokeApiDestination", Resource = aws_cloudwatch_event_api_destination.webhook.arn }]
  })
}

resource "aws_cloudwatch_event_target" "ec2_state_change" {
  rule      = aws_cloudwatch_event_rule.ec2_state_change.name
  target_id = "vendor-webhook"
  arn       = aws_cloudwatch_event_api_destination.webhook.arn
  role_arn  = aws_iam_role.ec2_state_change.arn

  retry_policy {
    maximum_event_age_in_seconds = 3600
    maximum_retry_attempts       = 185
  }

  dead_letter_config {
    arn = aws_sqs_queue.ec2_state_change_dead_letter.arn
  }
}

# EventBridge may put what it could not deliver into the dead-letter queue, for this rule only.
resource "aws_sqs_queue_policy" "ec2_state_change_dead_letter" {
  queue_url = aws_sqs_queue.ec2_state_change_dead_letter.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.ec2_state_change_dead_letter.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_cloudwatch_event_rule.ec2_state_change.arn } }
    }]
  })
}
