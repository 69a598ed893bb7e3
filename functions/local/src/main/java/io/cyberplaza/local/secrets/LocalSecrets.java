package io.cyberplaza.local.secrets;

import io.cyberplaza.core.secret.SecretStore;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/** The file store, when the deployment names it (the local runner does). */
@Factory
@Requires(property = "cyberplaza.secrets.store", value = "file")
public class LocalSecrets {

    @Singleton
    SecretStore secrets(@Value("${cyberplaza.secrets.file}") String file) {
        return new FileSecretStore(Path.of(file));
    }
}
