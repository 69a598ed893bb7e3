# The settings every cloud's functions share (chain, peg feed, API, first operator), as environment variables:
# one definition, so a setting added for one cloud cannot be forgotten on another.
variable "environment" {
  description = "Deployment name."
  type        = string
}

variable "chain" {
  description = "The escrow's chain, as each cloud's root module takes it."
  type = object({
    rpc_url       = string
    chain_id      = number
    escrow        = string
    timelock      = string
    token         = string
    token_name    = string
    token_version = string
    confirmations = number
    first_block   = number
    usdc_usd_feed = string
  })
}

variable "rewards" {
  description = "The CPT rewards contracts, the first epoch's start (ISO-8601) and the CPT/USD feed, as each cloud's root module takes them."
  type = object({
    reserve      = string
    distributor  = string
    genesis      = string
    cpt_usd_feed = string
  })
}

variable "ve" {
  description = "veCPT, its holders' fee distributor and the weekly fee splitter, as each cloud's root module takes them."
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
  description = "The API's public host name."
  type        = string
}

output "variables" {
  description = "Environment variables of every function."
  value = {
    CYBERPLAZA_ENVIRONMENT           = var.environment
    CYBERPLAZA_CHAIN_RPC_URL         = var.chain.rpc_url
    CYBERPLAZA_CHAIN_CHAIN_ID        = tostring(var.chain.chain_id)
    CYBERPLAZA_CHAIN_ESCROW          = var.chain.escrow
    CYBERPLAZA_CHAIN_TIMELOCK        = var.chain.timelock
    CYBERPLAZA_CHAIN_TOKEN           = var.chain.token
    CYBERPLAZA_CHAIN_TOKEN_NAME      = var.chain.token_name
    CYBERPLAZA_CHAIN_TOKEN_VERSION   = var.chain.token_version
    CYBERPLAZA_CHAIN_CONFIRMATIONS   = tostring(var.chain.confirmations)
    CYBERPLAZA_CHAIN_FIRST_BLOCK     = tostring(var.chain.first_block)
    CYBERPLAZA_PRICING_PEG_FEED      = var.chain.usdc_usd_feed
    CYBERPLAZA_REWARDS_RESERVE       = var.rewards.reserve
    CYBERPLAZA_REWARDS_DISTRIBUTOR   = var.rewards.distributor
    CYBERPLAZA_REWARDS_GENESIS       = var.rewards.genesis
    CYBERPLAZA_REWARDS_CPT_USD_FEED  = var.rewards.cpt_usd_feed
    CYBERPLAZA_VE_VOTE_ESCROW        = var.ve.vote_escrow
    CYBERPLAZA_VE_FEE_DISTRIBUTOR    = var.ve.fee_distributor
    CYBERPLAZA_VE_FEE_SPLITTER       = var.ve.fee_splitter
    CYBERPLAZA_AUTH_FIRST_OPERATOR   = var.first_operator
    CYBERPLAZA_API_DOMAINS           = var.api_domain
    CYBERPLAZA_API_URI               = "https://${var.api_domain}"
    CYBERPLAZA_WEBHOOKS_GCP_AUDIENCE = "https://${var.api_domain}/webhooks/gcp"
    JAVA_TOOL_OPTIONS                = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
  }
}
