variable "account_id" {
  description = "The AWS account the platform is deployed to; Terraform refuses any other."
  type        = string
}

variable "region" {
  description = "The AWS region of the functions, tables and queues."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Deployment name (dev, staging, prod): prefixes every resource and tags the platform's EC2 machines."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,15}$", var.environment))
    error_message = "The environment is 2-16 lower-case letters and digits."
  }
}

variable "lambda_package" {
  description = "The Lambda deployment package built by Maven (./cyberplaza build)."
  type        = string
  default     = "../../../functions/aws/target/cyberplaza-aws-lambda.zip"
}

variable "chain" {
  description = "The escrow's chain: RPC endpoint, chain id, escrow and USDC contracts, confirmations and first block."
  type = object({
    rpc_url       = string
    chain_id      = number
    escrow        = string
    timelock      = string
    token         = string
    token_name    = optional(string, "USD Coin")
    token_version = optional(string, "2")
    confirmations = optional(number, 12)
    first_block   = optional(number, 0)
    usdc_usd_feed = string
  })
}

variable "rewards" {
  description = "The CPT rewards: reserve and distributor contracts, the instant epoch 1 begins (ISO-8601, UTC), the CPT/USD aggregator."
  type = object({
    reserve      = string
    distributor  = string
    genesis      = string
    cpt_usd_feed = string
  })
}

variable "ve" {
  description = "veCPT (quotes read the buyer's power for the fee discount), its holders' fee distributor, and the fee splitter the rewards function splits each week's fees with."
  type = object({
    vote_escrow     = string
    fee_distributor = string
    fee_splitter    = string
  })
}

variable "first_operator" {
  description = "The address granted the OPERATOR role at its first sign-in."
  type        = string
}

variable "api_domain" {
  description = "The API's public host name, which Sign-In with Ethereum messages must name."
  type        = string
}

variable "ec2_subnets" {
  description = "The platform's subnet per availability zone that cloud offers launch in, as zone=subnet-id pairs."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  description = "How long the functions' logs are kept."
  type        = number
  default     = 365
}
