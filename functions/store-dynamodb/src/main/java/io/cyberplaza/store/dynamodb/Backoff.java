package io.cyberplaza.store.dynamodb;

/** Unprocessed items of a batch write mean the table is throttling: back off before asking again. */
final class Backoff {
    private Backoff() {
    }

    static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off a throttled batch write", e);
        }
    }
}
