package io.cyberplaza.store.document;

import io.cyberplaza.core.auth.LoginNonces;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

final class DocumentLoginNonces implements LoginNonces {
    record Issued(String nonce, String address, Instant expiresAt) {
    }

    private final DocumentTable<Issued> nonces;

    DocumentLoginNonces(DocumentStore store, String collection) {
        this.nonces = new DocumentTable<>(store, collection, Issued.class, issued -> DocumentTable.single(issued.nonce()),
                issued -> Map.of(DocumentStores.EXPIRES_AT, issued.expiresAt().plus(Duration.ofHours(1))));
    }

    @Override
    public void issue(String nonce, String address, Instant expiresAt) {
        nonces.put(new Issued(nonce, address, expiresAt));
    }

    @Override
    public boolean isLive(String nonce, String address, Instant now) {
        return nonces.get(DocumentTable.single(nonce))
                .filter(stored -> stored.value().address().equals(address) && now.isBefore(stored.value().expiresAt()))
                .isPresent();
    }

    @Override
    public boolean consume(String nonce, String address, Instant now) {
        // Deleting the version read is what makes a nonce good for one sign-in, however many race for it.
        return nonces.get(DocumentTable.single(nonce))
                .filter(stored -> stored.value().address().equals(address) && now.isBefore(stored.value().expiresAt()))
                .map(nonces::delete)
                .orElse(false);
    }
}
