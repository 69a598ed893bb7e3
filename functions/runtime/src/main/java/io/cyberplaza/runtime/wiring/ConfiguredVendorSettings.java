package io.cyberplaza.runtime.wiring;

import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.vendor.VendorExtension;
import io.cyberplaza.vendor.VendorSettings;
import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A vendor module's view of the deployment's configuration. Secrets are read only when a module
 * asks, and only those it declared: a module cannot read another vendor's keys or the platform's own.
 */
final class ConfiguredVendorSettings implements VendorSettings {
    private final Environment config;
    private final String prefix;
    private final BeanProvider<SecretStore> secrets;
    private final Set<String> declaredSecrets;
    private final Clock clock;
    private final BeanContext beans;
    private final String kind;

    ConfiguredVendorSettings(String kind, Environment config, String prefix, BeanProvider<SecretStore> secrets, Set<String> declaredSecrets,
                             Clock clock, BeanContext beans) {
        this.kind = kind;
        this.config = config;
        this.prefix = prefix;
        this.secrets = secrets;
        this.declaredSecrets = declaredSecrets;
        this.clock = clock;
        this.beans = beans;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public Optional<String> value(String key) {
        return config.getProperty(prefix + "." + key, String.class);
    }

    @Override
    public List<String> list(String key) {
        return config.getProperty(prefix + "." + key, Argument.listOf(String.class)).orElse(List.of()).stream()
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public Map<String, String> pairs(String key) {
        return ConfigPairs.read(config, prefix + "." + key);
    }

    @Override
    public Optional<Duration> duration(String key) {
        return config.getProperty(prefix + "." + key, Duration.class);
    }

    @Override
    public VendorSettings at(String child) {
        return new ConfiguredVendorSettings(kind, config, prefix + "." + child, secrets, declaredSecrets, clock, beans);
    }

    @Override
    public String secret(String name) {
        if (!declaredSecrets.contains(name)) throw new IllegalStateException("a vendor module read the undeclared secret " + name);
        return secrets.get().get(name);
    }

    @Override
    public String environment() {
        return config.getProperty("cyberplaza.environment", String.class, "local");
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** Only what the host handed this very module: a module never reaches the host's other beans (the secret store, the chain's keys). */
    @Override
    public <T> List<T> extensions(Class<T> type) {
        return beans.getBeansOfType(VendorExtension.class).stream().filter(extension -> extension.kind().equals(kind))
                .map(VendorExtension::value).filter(type::isInstance).map(type::cast).toList();
    }

    /** Micronaut's reading of a boolean ({@code yes}, {@code on} and {@code true} alike), as every other setting of the platform. */
    @Override
    public boolean enabled(boolean byDefault) {
        return config.getProperty(prefix + ".enabled", Boolean.class, byDefault);
    }

    @Override
    public long number(String key, long fallback) {
        return config.getProperty(prefix + "." + key, Long.class, fallback);
    }
}
