package io.cyberplaza.aws.secrets;

import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets in AWS Secrets Manager under {@code <prefix><name>}; the deployment's prefix is
 * {@code cyberplaza/<environment>/}, and each function's role may read only the secrets it uses.
 * The current version (AWSCURRENT) is read each time: callers read once, when they start.
 */
public final class SecretsManagerSecretStore implements SecretStore {
    private final SecretsManagerClient client;
    private final String prefix;

    public SecretsManagerSecretStore(SecretsManagerClient client, String prefix) {
        this.client = client;
        this.prefix = prefix;
    }

    @Override
    public String get(String name) {
        String id = prefix + name;
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request -> request.secretId(id));
        } catch (ResourceNotFoundException e) {
            // Also what a secret created without a value answers: say which, not the SDK's text.
            throw new SecretNotFoundException(id, "no such secret, or it has no current value");
        }
        if (response.secretString() == null || response.secretString().isBlank()) {
            throw new SecretNotFoundException(id, "its current value is binary or empty; a text value is expected");
        }
        return response.secretString().strip();
    }
}
