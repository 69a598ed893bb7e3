package io.cyberplaza.store.document;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Read-check-write loops lose to concurrent writers of the same document; each loss backs off a
 * random, growing while so that contenders spread out instead of colliding again in lockstep.
 */
final class Contention {
    /** Enough for dozens of writers on one document; past it a caller reports the document as too busy. */
    static final int MAX_ATTEMPTS = 24;

    private Contention() {
    }

    static void backOff(int attempt) {
        long boundMillis = 1L << Math.min(attempt, 6);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(boundMillis + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to write again", e);
        }
    }
}
