package io.cyberplaza.core.fakes;

import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.provider.ProviderRepository;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryProviderRepository implements ProviderRepository {
    private final Map<String, Provider> providers = new ConcurrentHashMap<>();

    @Override
    public Optional<Provider> find(String address) {
        return Optional.ofNullable(providers.get(address));
    }

    @Override
    public synchronized boolean replace(long expectedVersion, Provider next) {
        Provider stored = providers.get(next.address());
        if ((stored == null ? 0 : stored.version()) != expectedVersion || next.version() != expectedVersion + 1) return false;
        providers.put(next.address(), next);
        return true;
    }
}
