package io.cyberplaza.core.fakes;

import io.cyberplaza.core.auth.LoginNonces;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class InMemoryLoginNonces implements LoginNonces {
    private record Issued(String address, Instant expiresAt) {
    }

    private final ConcurrentMap<String, Issued> nonces = new ConcurrentHashMap<>();

    @Override
    public void issue(String nonce, String address, Instant expiresAt) {
        nonces.put(nonce, new Issued(address, expiresAt));
    }

    @Override
    public boolean isLive(String nonce, String address, Instant now) {
        Issued issued = nonces.get(nonce);
        return issued != null && issued.address().equals(address) && now.isBefore(issued.expiresAt());
    }

    @Override
    public boolean consume(String nonce, String address, Instant now) {
        Issued issued = nonces.get(nonce);
        return issued != null && issued.address().equals(address) && now.isBefore(issued.expiresAt())
                && nonces.remove(nonce, issued);
    }
}
