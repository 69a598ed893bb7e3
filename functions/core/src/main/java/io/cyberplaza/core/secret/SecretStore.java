package io.cyberplaza.core.secret;

/**
 * Port: where keys and webhook secrets come from: AWS Secrets Manager, Azure Key Vault, GCP Secret
 * Manager, or a file for the local runner. A value never appears in a log line or an exception
 * message; only the secret's name does. The platform's own secrets are named here; each vendor
 * module names its own.
 */
public interface SecretStore {
    /** HS256 key of the API's session tokens. */
    String JWT_SIGNING_KEY = "jwt-signing-key";
    /** Private key (hex) of the account that holds the escrow's settler role. */
    String SETTLER_KEY = "settler-key";
    /** Private key (hex) of the escrow's guardian: freezes payouts the platform never made. Never the settler's. */
    String GUARDIAN_KEY = "guardian-key";
    /** Private key (hex) of the escrow's arbiter: splits disputes up to the escalation threshold. */
    String ARBITER_KEY = "arbiter-key";
    /**
     * Private key (hex) of the rewards publisher: funds the distributor from the reserve (at most its
     * weekly cap) and proposes roots the guardian can revoke. Never a key of the escrow.
     */
    String REWARDS_PUBLISHER_KEY = "rewards-publisher-key";
    /** The HMAC key (base64, 256 bits or more) of coupon codes' fingerprints, by which duplicates are found. */
    String COUPON_FINGERPRINT_KEY = "coupon-fingerprint-key";
    /** The key-encryption key (base64, 256 bits) of coupon codes where no KMS key is configured (the local runner). */
    String COUPON_CODE_KEY = "coupon-code-key";
    /**
     * The HMAC keys vendors sign coupon deliveries to the coupon webhook with, one a vendor: a JSON
     * object from the vendor's name (as campaigns name it) to its key. A vendor's key opens only its
     * own campaigns' deliveries; onboarding a vendor adds its entry.
     */
    String COUPON_WEBHOOK_KEYS = "webhook-coupons-keys";

    /** The platform's own secrets: no vendor module may declare (and so read) one of them. */
    java.util.Set<String> PLATFORM = java.util.Set.of(JWT_SIGNING_KEY, SETTLER_KEY, GUARDIAN_KEY, ARBITER_KEY, REWARDS_PUBLISHER_KEY, COUPON_FINGERPRINT_KEY,
            COUPON_CODE_KEY, COUPON_WEBHOOK_KEYS);

    /** @throws SecretNotFoundException when the store has no value under that name */
    String get(String name);
}
