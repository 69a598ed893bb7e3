variable "subscription_id" {
  description = "The Azure subscription the platform is deployed to."
  type        = string
}

variable "location" {
  description = "The Azure region of the functions, tables and queues."
  type        = string
  default     = "westeurope"
}

variable "environment" {
  description = "Deployment name (dev, staging, prod): names every resource."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,9}$", var.environment))
    error_message = "The environment is 2-10 lower-case letters and digits (storage account names are short)."
  }
}

variable "functions_staging_dir" {
  description = "The Functions app staged by Maven's azure-functions plugin (./cyberplaza build)."
  type        = string
  default     = "../../../functions/azure/target/azure-functions/cyberplaza-functions"
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

variable "allowed_ip_ranges" {
  description = "Operator networks allowed to reach the storage account and key vault besides the function app (CIDR)."
  type        = list(string)
  default     = []
}
