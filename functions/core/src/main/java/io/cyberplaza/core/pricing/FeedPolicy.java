package io.cyberplaza.core.pricing;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a feed is updated: when the price moved more than the deviation threshold from the feed's
 * latest answer, or when the heartbeat has passed since that answer was observed (a reader can tell
 * a quiet market from a dead oracle). Updating on every round would cost gas for nothing.
 */
public record FeedPolicy(int deviationBps, Duration heartbeat) {

    public static FeedPolicy defaults() {
        return new FeedPolicy(500, Duration.ofHours(24));
    }

    public boolean shouldUpdate(Optional<FeedRound> latest, long microUsd, Instant now) {
        if (latest.isEmpty()) return true;
        FeedRound round = latest.get();
        if (!now.isBefore(round.observedAt().plus(heartbeat))) return true;
        BigInteger moved = BigInteger.valueOf(Math.abs(microUsd - round.microUsd())).multiply(BigInteger.valueOf(10_000));
        return moved.compareTo(BigInteger.valueOf(round.microUsd()).multiply(BigInteger.valueOf(deviationBps))) > 0;
    }
}
