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
  # Every function: its handler (the same classes template.yaml names), what it may touch, how it is triggered.
  functions = {
    api = {
      handler     = "io.cyberplaza.aws.handler.ApiHandler::handleRequest"
      description = "HTTP API (API Gateway HTTP API v2 -> Micronaut controllers)"
      timeout     = 30
      concurrency = 200
      crud        = ["Orders", "Quotes", "LoginNonces", "Accounts", "IdempotencyKeys", "RateLimits", "Offers", "Providers", "Capacity", "GroupBuys", "Disputes", "TxOutbox"]
      read        = ["Settlements", "Prices", "PricingRounds", "Instances"]
      send        = ["provision", "settle"]
      secrets     = ["jwt-signing-key", "coupon-fingerprint-key", "webhook-coupons-keys", "settler-key", "arbiter-key"]
      ec2         = true
    }
    webhook = {
      handler     = "io.cyberplaza.aws.handler.VendorWebhookHandler::handleRequest"
      description = "Vendor callbacks (EC2 via EventBridge, Azure Event Grid, GCP Pub/Sub push); verified, de-duplicated, applied"
      timeout     = 30
      concurrency = 50
      crud        = ["Instances", "WebhookReceipts", "Orders", "RateLimits"]
      read        = []
      send        = ["settle"]
      secrets     = ["jwt-signing-key", "webhook-aws-key", "webhook-azure-key"]
      ec2         = true
    }
    escrow-watcher = {
      handler     = "io.cyberplaza.aws.handler.EscrowWatcherHandler::handleRequest"
      description = "Ingests confirmed escrow events; funds orders; undoes reorganised blocks"
      timeout     = 60
      concurrency = 1
      crud        = ["ChainCursor", "Deposits", "Orders", "Settlements", "Capacity", "GroupBuys", "Disputes", "TxOutbox"]
      read        = []
      send        = ["provision", "settle"]
      secrets     = ["settler-key", "guardian-key"]
      ec2         = false
      schedule    = "rate(1 minute)"
    }
    provision = {
      handler     = "io.cyberplaza.aws.handler.ProvisionHandler::handleRequest"
      description = "Launches the machine of a funded order (SQS provision queue)"
      timeout     = 120
      concurrency = 20
      crud        = ["Orders", "Instances"]
      read        = ["Offers"]
      send        = ["settle"]
      secrets     = ["azure-client-secret", "gcp-service-account-key", "alibaba-access-key-secret"]
      ec2         = true
      queue       = "provision"
    }
    meter = {
      handler     = "io.cyberplaza.aws.handler.MeterHandler::handleRequest"
      description = "Meters running orders, expires unfunded ones, re-drives stalled work"
      timeout     = 120
      concurrency = 1
      crud        = ["Orders", "Settlements", "TxOutbox", "Capacity", "Instances", "GroupBuys", "Disputes"]
      read        = ["Deposits"]
      send        = ["provision", "settle"]
      secrets     = ["settler-key", "arbiter-key", "guardian-key", "azure-client-secret", "gcp-service-account-key", "alibaba-access-key-secret"]
      ec2         = true
      schedule    = "rate(1 minute)"
    }
    settle = {
      handler     = "io.cyberplaza.aws.handler.SettleHandler::handleRequest"
      description = "Settles a batch of ended orders in one escrow transaction (SQS settle queue)"
      timeout     = 120
      concurrency = 1
      crud        = ["Orders", "Settlements", "TxOutbox", "Capacity", "GroupBuys"]
      read        = ["Deposits"]
      send        = []
      secrets     = ["settler-key"]
      ec2         = false
      queue       = "settle"
    }
    reconciler = {
      handler     = "io.cyberplaza.aws.handler.ReconcilerHandler::handleRequest"
      description = "Terminates machines tagged as ours that no live order owns"
      timeout     = 300
      concurrency = 1
      crud        = ["Instances"]
      read        = ["Orders"]
      send        = []
      secrets     = ["azure-client-secret", "gcp-service-account-key", "alibaba-access-key-secret"]
      ec2         = true
      schedule    = "rate(10 minutes)"
    }
    group-buy = {
      handler     = "io.cyberplaza.aws.handler.GroupBuyHandler::handleRequest"
      description = "Closes due campaigns, buys and collects coupons, allocates each once, settles pledges in batches"
      timeout     = 300
      concurrency = 1
      crud        = ["GroupBuys", "Settlements", "TxOutbox"]
      read        = ["Deposits", "Orders"]
      send        = []
      secrets     = ["settler-key", "coupon-fingerprint-key"]
      ec2         = false
      schedule    = "rate(1 minute)"
    }
    rewards = {
      handler     = "io.cyberplaza.aws.handler.RewardsHandler::handleRequest"
      description = "Computes each closed rewards epoch's CPT, stores its tree, funds the distributor and publishes the root; splits each ended week's fees"
      timeout     = 300
      concurrency = 1
      crud        = ["Rewards", "TxOutbox"]
      read        = ["Settlements", "Disputes", "Providers"]
      send        = []
      secrets     = ["rewards-publisher-key"]
      ec2         = false
      schedule    = "rate(1 hour)"
    }
    pricing-oracle = {
      handler     = "io.cyberplaza.aws.handler.PricingOracleHandler::handleRequest"
      description = "Reads vendor price lists and providers' offers; publishes medians to the Prices table and feeds"
      timeout     = 300
      concurrency = 1
      crud        = ["Prices", "PricingRounds"]
      read        = ["Offers"]
      send        = []
      secrets     = ["settler-key", "gcp-billing-api-key", "alibaba-access-key-secret"]
      ec2         = false
      schedule    = "rate(1 hour)"
    }
  }

  environment = merge(module.settings.variables, {
    CYBERPLAZA_DYNAMODB_TABLE_PREFIX        = "${local.name}-"
    CYBERPLAZA_SQS_QUEUE_PREFIX             = "${local.name}-"
    CYBERPLAZA_SECRETS_PREFIX               = "cyberplaza/${var.environment}/"
    CYBERPLAZA_COUPONS_KMS_KEY_ID           = aws_kms_key.platform.arn
    CYBERPLAZA_PROVISIONERS_AWS_EC2_ENABLED = "true"
    CYBERPLAZA_PROVISIONERS_AWS_EC2_SUBNETS = join(",", var.ec2_subnets)
  })
}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each           = local.functions
  name               = "${local.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

# Least privilege per function: its own tables, queues, secrets and, for those that launch or end machines, EC2 by tag.
data "aws_iam_policy_document" "function" {
  for_each = local.functions

  statement {
    sid       = "Logs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.function[each.key].arn}:*"]
  }
  statement {
    sid       = "Tracing"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]
    resources = ["*"]
  }
  statement {
    sid       = "DataKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.platform.arn]
  }
  dynamic "statement" {
    for_each = length(each.value.crud) > 0 ? [1] : []
    content {
      sid       = "TablesReadWrite"
      actions   = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem"]
      resources = flatten([for table in each.value.crud : [aws_dynamodb_table.table[table].arn, "${aws_dynamodb_table.table[table].arn}/index/*"]])
    }
  }
  dynamic "statement" {
    for_each = length(each.value.read) > 0 ? [1] : []
    content {
      sid       = "TablesRead"
      actions   = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"]
      resources = flatten([for table in each.value.read : [aws_dynamodb_table.table[table].arn, "${aws_dynamodb_table.table[table].arn}/index/*"]])
    }
  }
  dynamic "statement" {
    for_each = length(each.value.send) > 0 ? [1] : []
    content {
      sid       = "QueuesSend"
      actions   = ["sqs:SendMessage", "sqs:GetQueueUrl"]
      resources = [for queue in each.value.send : aws_sqs_queue.work[queue].arn]
    }
  }
  dynamic "statement" {
    for_each = try([each.value.queue], [])
    content {
      sid       = "QueueConsume"
      actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ChangeMessageVisibility"]
      resources = [aws_sqs_queue.work[statement.value].arn]
    }
  }
  dynamic "statement" {
    for_each = length(each.value.secrets) > 0 ? [1] : []
    content {
      sid       = "Secrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = [for secret in each.value.secrets : aws_secretsmanager_secret.secret[secret].arn]
    }
  }
  dynamic "statement" {
    for_each = each.value.ec2 ? [1] : []
    content {
      sid       = "EndOwnMachines"
      actions   = ["ec2:StopInstances", "ec2:TerminateInstances"]
      resources = ["arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:instance/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:ResourceTag/cyberplaza:env"
        values   = [var.environment]
      }
    }
  }
  dynamic "statement" {
    for_each = each.value.ec2 ? [1] : []
    content {
      sid       = "LaunchTagged"
      actions   = ["ec2:RunInstances", "ec2:CreateTags"]
      resources = ["arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:instance/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:RequestTag/cyberplaza:env"
        values   = [var.environment]
      }
    }
  }
  dynamic "statement" {
    for_each = each.value.ec2 ? [1] : []
    content {
      sid     = "LaunchFromImagesIntoSubnets"
      actions = ["ec2:RunInstances"]
      resources = [
        "arn:${data.aws_partition.current.partition}:ec2:*::image/*",
        "arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:subnet/*",
        "arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:network-interface/*",
        "arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:security-group/*",
        "arn:${data.aws_partition.current.partition}:ec2:*:${var.account_id}:volume/*",
      ]
    }
  }
  dynamic "statement" {
    for_each = each.value.ec2 ? [1] : []
    content {
      sid       = "DescribeMachines"
      actions   = ["ec2:DescribeInstances"]
      resources = ["*"]
    }
  }
}

resource "aws_iam_role_policy" "function" {
  for_each = local.functions
  name     = "least-privilege"
  role     = aws_iam_role.function[each.key].id
  policy   = data.aws_iam_policy_document.function[each.key].json
}

resource "aws_cloudwatch_log_group" "function" {
  for_each          = local.functions
  name              = "/aws/lambda/${local.name}-${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.platform.arn
}

# A failed asynchronous invocation (the schedules) lands here instead of vanishing.
resource "aws_sqs_queue" "function_failures" {
  name                      = "${local.name}-function-failures"
  message_retention_seconds = 1209600
  kms_master_key_id         = aws_kms_key.platform.arn
}

resource "aws_lambda_function" "function" {
  for_each                       = local.functions
  function_name                  = "${local.name}-${each.key}"
  description                    = each.value.description
  role                           = aws_iam_role.function[each.key].arn
  filename                       = var.lambda_package
  source_code_hash               = filebase64sha256(var.lambda_package)
  handler                        = each.value.handler
  runtime                        = "java21"
  architectures                  = ["arm64"]
  memory_size                    = 1024
  timeout                        = each.value.timeout
  reserved_concurrent_executions = each.value.concurrency
  kms_key_arn                    = aws_kms_key.platform.arn
  publish                        = true

  snap_start {
    apply_on = "PublishedVersions"
  }

  tracing_config {
    mode = "Active"
  }

  dead_letter_config {
    target_arn = aws_sqs_queue.function_failures.arn
  }

  environment {
    variables = local.environment
  }

  depends_on = [aws_cloudwatch_log_group.function, aws_iam_role_policy.function]

  #checkov:skip=CKV_AWS_117:The functions call public endpoints (the chain's RPC, vendor APIs) and AWS APIs only; a VPC would add NAT cost and cold-start latency and protect nothing they hold.
  #checkov:skip=CKV_AWS_272:The package is built and deployed by the same pipeline; code signing needs a signing profile outside this stack.
}

resource "aws_iam_role_policy" "function_failures" {
  for_each = local.functions
  name     = "dead-letter"
  role     = aws_iam_role.function[each.key].id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = aws_sqs_queue.function_failures.arn }]
  })
}

# SnapStart restores published versions: every trigger targets the alias of the newest one.
resource "aws_lambda_alias" "live" {
  for_each         = local.functions
  name             = "live"
  function_name    = aws_lambda_function.function[each.key].function_name
  function_version = aws_lambda_function.function[each.key].version
}

# ------------------------------------------------------------------ queue triggers
resource "aws_lambda_event_source_mapping" "work" {
  for_each                = { for name, fn in local.functions : name => fn.queue if try(fn.queue, null) != null }
  event_source_arn        = aws_sqs_queue.work[each.value].arn
  function_name           = aws_lambda_alias.live[each.key].arn
  batch_size              = each.value == "settle" ? 50 : 10
  function_response_types = ["ReportBatchItemFailures"]

  maximum_batching_window_in_seconds = each.value == "settle" ? 20 : 0
}

# ------------------------------------------------------------------ schedules
data "aws_iam_policy_document" "assume_scheduler" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "scheduler" {
  name               = "${local.name}-scheduler"
  assume_role_policy = data.aws_iam_policy_document.assume_scheduler.json
}

resource "aws_iam_role_policy" "scheduler" {
  name = "invoke-scheduled-functions"
  role = aws_iam_role.scheduler.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "lambda:InvokeFunction"
      Resource = [for name, fn in local.functions : aws_lambda_alias.live[name].arn if try(fn.schedule, null) != null]
    }]
  })
}

resource "aws_scheduler_schedule" "job" {
  for_each                     = { for name, fn in local.functions : name => fn.schedule if try(fn.schedule, null) != null }
  name                         = "${local.name}-${each.key}"
  schedule_expression          = each.value
  schedule_expression_timezone = "UTC"
  kms_key_arn                  = aws_kms_key.platform.arn

  flexible_time_window {
    mode = "OFF"
  }

  target {
    arn      = aws_lambda_alias.live[each.key].arn
    role_arn = aws_iam_role.scheduler.arn
    retry_policy {
      maximum_retry_attempts = 0
    }
  }
}

# ------------------------------------------------------------------ the API front door
resource "aws_apigatewayv2_api" "http" {
  name          = local.name
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${local.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.platform.arn
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId = "$context.requestId", ip = "$context.identity.sourceIp", method = "$context.httpMethod",
      path      = "$context.path", status = "$context.status", latency = "$context.responseLatency"
    })
  }

  default_route_settings {
    throttling_burst_limit = 500
    throttling_rate_limit  = 200
  }
}

resource "aws_apigatewayv2_integration" "function" {
  for_each               = toset(["api", "webhook"])
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_alias.live[each.key].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "api" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "$default"
  target    = "integrations/${aws_apigatewayv2_integration.function["api"].id}"
  #checkov:skip=CKV_AWS_309:The API authenticates callers itself (Sign-In with Ethereum sessions); public routes (offers, health, sign-in) must stay open.
}

resource "aws_apigatewayv2_route" "webhooks" {
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "ANY /webhooks/{vendor}"
  target    = "integrations/${aws_apigatewayv2_integration.function["webhook"].id}"
  #checkov:skip=CKV_AWS_309:Vendors authenticate as their platforms do (EventBridge key header, Event Grid secret header, Google's OIDC token), which the function verifies.
}

resource "aws_lambda_permission" "api_gateway" {
  for_each      = toset(["api", "webhook"])
  statement_id  = "api-gateway"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.function[each.key].function_name
  qualifier     = aws_lambda_alias.live[each.key].name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*"
}
