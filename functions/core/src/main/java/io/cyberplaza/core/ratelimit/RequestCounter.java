package io.cyberplaza.core.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * Port: how many requests an identity made in its current window, shared by every instance of the
 * API (a per-container count would multiply the limit by the number of containers). A window opens
 * with an identity's first request and lasts {@code window}; within it at most {@code limit}
 * requests are allowed.
 */
public interface RequestCounter {

    record Decision(boolean allowed, int limit, int remaining, Instant resetAt) {
    }

    Decision count(String identity, Instant now, Duration window, int limit);
}
