package io.cyberplaza.store.document;

import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.provider.ProviderRepository;

import java.util.Optional;

final class DocumentProviderRepository implements ProviderRepository {
    private final DocumentTable<Provider> providers;

    DocumentProviderRepository(DocumentStore store, String collection) {
        this.providers = new DocumentTable<>(store, collection, Provider.class, provider -> DocumentTable.single(provider.address()));
    }

    @Override
    public Optional<Provider> find(String address) {
        return providers.find(DocumentTable.single(address));
    }

    @Override
    public boolean replace(long expectedVersion, Provider next) {
        if (next.version() != expectedVersion + 1) return false;
        if (expectedVersion == 0) return providers.create(next);
        return providers.replaceIf(DocumentTable.single(next.address()), stored -> stored.version() == expectedVersion, next);
    }
}
