package io.cyberplaza.core.rewards;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When rewards epochs begin and end. Epoch {@code n} (from 1, the distributor's first) covers
 * {@code [genesis + (n-1)·length, genesis + n·length)}; it is computed once {@code settleDelay} has
 * passed after its end, so that the settlements and dispute resolutions of its last moments have
 * reached the tables.
 */
public record RewardSchedule(Instant genesis, Duration epochLength, Duration settleDelay) {

    public RewardSchedule {
        Objects.requireNonNull(genesis, "genesis");
        if (epochLength.isNegative() || epochLength.isZero() || settleDelay.isNegative()) {
            throw new IllegalArgumentException("an epoch lasts a while, and the settle delay is never negative");
        }
    }

    public Instant start(long epoch) {
        if (epoch < 1) throw new IllegalArgumentException("epochs count from 1");
        return genesis.plus(epochLength.multipliedBy(epoch - 1));
    }

    public Instant end(long epoch) {
        return start(epoch).plus(epochLength);
    }

    /** Whether {@code epoch} ended long enough before {@code now} to be computed. */
    public boolean isClosed(long epoch, Instant now) {
        return !now.isBefore(end(epoch).plus(settleDelay));
    }
}
