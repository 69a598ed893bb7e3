package io.cyberplaza.runtime.secrets;

import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;
import io.micronaut.context.env.Environment;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Secrets the platform hands the function as environment variables, resolved from its vault before
 * the code starts: Azure app settings that are Key Vault references, and Cloud Functions' secret
 * environment variables from Secret Manager. {@code settler-key} is {@code CYBERPLAZA_SECRET_SETTLER_KEY},
 * which configuration reads as {@code cyberplaza.secret.settler-key}. The function's identity is what
 * the vault grants, so a function sees only the secrets its own settings name.
 */
public final class EnvironmentSecretStore implements SecretStore {
    private final Function<String, Optional<String>> propertyLookup;

    public EnvironmentSecretStore(Function<String, Optional<String>> propertyLookup) {
        this.propertyLookup = propertyLookup;
    }

    public static EnvironmentSecretStore of(Environment environment) {
        return new EnvironmentSecretStore(property -> environment.getProperty(property, String.class));
    }

    public static String variableOf(String secretName) {
        return "CYBERPLAZA_SECRET_" + secretName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String get(String name) {
        // The name of the variable may be told; its value never is.
        return propertyLookup.apply("cyberplaza.secret." + name).filter(value -> !value.isBlank())
                .orElseThrow(() -> new SecretNotFoundException(name, "environment variable " + variableOf(name) + " is not set"));
    }
}
