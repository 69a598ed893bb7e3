package io.cyberplaza.core.secret;

/**
 * Port: where keys and webhook secrets come from: AWS Secrets Manager, Azure Key Vault, GCP Secret
 * Manager, or a file for the local runner. A value never appears in a log line or an exception
 * message; only the secret's name does.
 */
public interface SecretStore {
    /** HS256 key of the API's session tokens. */
    String JWT_SIGNING_KEY = "jwt-signing-key";
    /** Private key (hex) of the account that holds the escrow's settler role. */
    String SETTLER_KEY = "settler-key";
    /** The key EventBridge's API destination sends with EC2 state changes. */
    String AWS_WEBHOOK_KEY = "webhook-aws-key";
    /** The secret delivery header of the Azure Event Grid subscription. */
    String AZURE_WEBHOOK_KEY = "webhook-azure-key";

    /** @throws SecretNotFoundException when the store has no value under that name */
    String get(String name);
}
