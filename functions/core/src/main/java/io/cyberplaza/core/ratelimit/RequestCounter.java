package io.cyberplaza.core.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: how many requests an identity made in its current window, shared by every instance of the
 * API (a per-container count would multiply the limit by the number of containers). A window opens
 * with an identity's first request and lasts {@code window}; within it at most {@code limit}
 * requests are granted. Instances take requests in small leases, so most requests need no
 * round trip; the sum of all leases never passes the limit.
 */
public interface RequestCounter {

    /**
     * @param granted requests granted now (up to what was wanted; fewer near the limit; none past it)
     * @param used    requests granted in the window so far, this lease included
     */
    record Lease(int granted, int used, Instant resetAt) {
    }

    Lease take(String identity, Instant now, Duration window, int limit, int wanted);
}
