package io.cyberplaza.vendor;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's settings as one vendor module sees them: values under a prefix, the secrets the
 * module declared, and the few shared things a provisioner needs (the clock, the environment's name,
 * extensions the host registered, such as the SDK interceptors the fault tests add).
 */
public interface VendorSettings {

    /** Where these settings live, e.g. {@code cyberplaza.provisioners.<kind>}. */
    String prefix();

    Optional<String> value(String key);

    /** A list value (a YAML list or a comma-separated string); blank items dropped. */
    List<String> list(String key);

    /** A map written as {@code a=b} items, e.g. a zone-to-subnet map. */
    Map<String, String> pairs(String key);

    Optional<Duration> duration(String key);

    /** The settings under {@code prefix().child}. */
    VendorSettings at(String child);

    /** @throws io.cyberplaza.core.secret.SecretNotFoundException when the store has none under that name */
    String secret(String name);

    /** The deployment's environment name (tags and names carry it). */
    String environment();

    Clock clock();

    /** Objects of that type the host handed this module as {@link VendorExtension}s; none in a deployment. */
    <T> List<T> extensions(Class<T> type);

    default boolean enabled(boolean byDefault) {
        return value("enabled").map(Boolean::parseBoolean).orElse(byDefault);
    }

    default String value(String key, String fallback) {
        return value(key).filter(s -> !s.isBlank()).orElse(fallback);
    }

    default long number(String key, long fallback) {
        return value(key).filter(s -> !s.isBlank()).map(String::strip).map(Long::parseLong).orElse(fallback);
    }

    default Optional<URI> uri(String key) {
        return value(key).filter(s -> !s.isBlank()).map(URI::create);
    }

    /** @throws IllegalStateException naming the missing setting, so a deployment fails at start and says why */
    default String required(String key) {
        return value(key).filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalStateException(
                prefix() + "." + key + " must be set when " + prefix() + " is enabled"));
    }
}
