package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.PriceFeed;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The latest answer of an AggregatorV3Interface feed (Chainlink's, or a PriceFeed on the local
 * chain) with its decimals. A feed that cannot be read, answers nothing positive, or answered longer
 * ago than {@code maxAge} (its heartbeat and a margin) gives no answer: an exception naming the feed.
 */
public record AggregatorAnswer(BigInteger answer, int decimals) {

    public static AggregatorAnswer latest(PriceFeed feed, String pair, Duration maxAge, Clock clock) {
        BigInteger answer;
        Instant updatedAt;
        int decimals;
        try {
            decimals = feed.decimals().send().intValueExact();
            var round = feed.latestRoundData().send();
            answer = round.component2();
            updatedAt = Instant.ofEpochSecond(round.component4().longValueExact());
        } catch (Exception e) {
            throw new IllegalStateException("the " + pair + " feed could not be read: " + e.getMessage(), e);
        }
        if (updatedAt.isBefore(clock.instant().minus(maxAge))) {
            throw new IllegalStateException("the " + pair + " feed's answer is from " + updatedAt + ", older than " + maxAge);
        }
        if (answer.signum() <= 0) throw new IllegalStateException("the " + pair + " feed answers " + answer);
        return new AggregatorAnswer(answer, decimals);
    }
}
