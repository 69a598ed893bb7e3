package io.cyberplaza.core.auth;

import java.time.Instant;

/**
 * Port: the single-use nonces of Sign-In with Ethereum. A nonce is issued for one address and is
 * consumed by the first login that presents it, so a signed message can never be replayed.
 */
public interface LoginNonces {

    void issue(String nonce, String address, Instant expiresAt);

    /** Whether the nonce was issued to {@code address}, is unused and has not expired; changes nothing. */
    boolean isLive(String nonce, String address, Instant now);

    /** Deletes the nonce if it was issued to {@code address} and has not expired; true if it did. */
    boolean consume(String nonce, String address, Instant now);
}
