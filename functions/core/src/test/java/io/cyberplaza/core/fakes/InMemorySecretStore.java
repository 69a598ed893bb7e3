package io.cyberplaza.core.fakes;

import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Secrets held in memory, for tests of the code that consumes them. */
public final class InMemorySecretStore implements SecretStore {
    private final Map<String, String> values = new ConcurrentHashMap<>();

    public InMemorySecretStore with(String name, String value) {
        values.put(name, value);
        return this;
    }

    @Override
    public String get(String name) {
        String value = values.get(name);
        if (value == null) throw new SecretNotFoundException(name, "not set");
        return value;
    }
}
