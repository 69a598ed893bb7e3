package io.cyberplaza.core.groupbuy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Every join, withdrawal and funded deposit of a campaign is one conditional write on the campaign:
 * a writer that lost the race waits a little, jittered and growing with its attempts, before it reads
 * again, so writers racing on a busy campaign spread out instead of colliding in step.
 */
final class Contention {
    private Contention() {
    }

    static void pause(int attempt) {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000L * Math.min(attempt, 20)) + 200_000L);
    }
}
