package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.secret.SecretStore;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared keys vendors call back with, read from the secret store on first use (only the
 * webhook function's role may read them) and compared in constant time.
 */
@Singleton
public class WebhookKeys {
    private final SecretStore secrets;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

    public WebhookKeys(SecretStore secrets) {
        this.secrets = secrets;
    }

    public boolean matches(String secretName, String presented) {
        byte[] expected = keys.computeIfAbsent(secretName, name -> secrets.get(name).getBytes(StandardCharsets.UTF_8));
        byte[] given = presented == null ? new byte[0] : presented.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    static DomainException unauthenticated() {
        return new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "the callback's key is missing or wrong");
    }
}
