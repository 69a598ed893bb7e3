package io.cyberplaza.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: the IdempotencyKeys table. A client's key is claimed for one request (its fingerprint);
 * the first response is kept so a retry gets the same answer, and a claim whose holder died can be
 * taken over once its lease ends.
 */
public interface IdempotencyStore {

    enum Status { IN_PROGRESS, COMPLETED }

    /** @param body the response as sent (JSON), only when COMPLETED */
    record Entry(String scope, String key, String fingerprint, Status status, int httpStatus, String body, Instant leaseUntil) {
    }

    /**
     * Claims the key if nobody has, or if a claim for the same fingerprint was abandoned (its lease
     * ended before {@code now}).
     *
     * @return true if the caller now holds the key and must complete or release it
     */
    boolean claim(String scope, String key, String fingerprint, Instant now, Instant leaseUntil, Instant expiresAt);

    Optional<Entry> find(String scope, String key);

    /** Keeps the response for the key the caller holds. */
    void complete(String scope, String key, int httpStatus, String body);

    /** Gives up a claim (the request failed before creating anything); a retry may claim it again. */
    void release(String scope, String key);
}
