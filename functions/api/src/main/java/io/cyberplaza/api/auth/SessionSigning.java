package io.cyberplaza.api.auth;

import com.nimbusds.jose.JWSAlgorithm;
import io.cyberplaza.core.secret.SecretStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * The key that signs and verifies session tokens, read from the secret store when the API first
 * needs it, never from configuration files.
 */
@Factory
public class SessionSigning {
    /** HS256 needs a key at least as long as its output. */
    static final int MIN_KEY_BYTES = 32;

    // Declared as the interface: SecretSignature's own class annotations would tie the bean to
    // signature entries in configuration, which is exactly what is not wanted here.
    @Singleton
    @Named("generator")
    SignatureGeneratorConfiguration sessionSignature(SecretStore secrets) {
        String key = secrets.get(SecretStore.JWT_SIGNING_KEY);
        if (key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException("secret " + SecretStore.JWT_SIGNING_KEY + " is shorter than "
                    + MIN_KEY_BYTES + " bytes, too short for HS256");
        }
        SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
        configuration.setSecret(key);
        configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
        return new SecretSignature(configuration);
    }
}
