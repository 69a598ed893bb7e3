variable "project" {
  description = "The Google Cloud project the platform is deployed to."
  type        = string
}

variable "region" {
  description = "The region of the functions, the Firestore database and the schedules."
  type        = string
  default     = "europe-west1"
}

variable "environment" {
  description = "Deployment name (dev, staging, prod): names every resource."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9]{1,15}$", var.environment))
    error_message = "The environment is 2-16 lower-case letters and digits."
  }
}

variable "functions_package" {
  description = "The Cloud Functions package built by Maven (./cyberplaza build): the functions' jar with its libs/."
  type        = string
  default     = "../../../functions/gcp/target/cyberplaza-gcp.zip"
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

variable "forwarded_hops" {
  description = "X-Forwarded-For entries Google's front ends append before the API sees a request: 1 on the function's own URL, 2 behind an external Application Load Balancer. The caller's address is the first of them; what a caller writes itself is never trusted."
  type        = number
  default     = 1
  validation {
    condition     = var.forwarded_hops >= 1 && var.forwarded_hops <= 3
    error_message = "forwarded_hops is 1, 2 or 3."
  }
}
