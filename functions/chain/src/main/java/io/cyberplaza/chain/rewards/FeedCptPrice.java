package io.cyberplaza.chain.rewards;

import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.core.rewards.CptPrice;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.math.RoundingMode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * CPT's price from a CPT/USD aggregator (AggregatorV3Interface reads), in micro-USD rounded up: a
 * price rounded up never converts a dollar into more CPT than the feed says it buys. An answer older
 * than {@code maxAge} is no answer.
 */
public final class FeedCptPrice implements CptPrice {
    private final PriceFeed aggregator;
    private final Duration maxAge;
    private final Clock clock;

    public FeedCptPrice(Web3j web3j, String aggregatorAddress, Duration maxAge, Clock clock) {
        this.aggregator = PriceFeed.load(aggregatorAddress, web3j, new ReadonlyTransactionManager(web3j, aggregatorAddress),
                new DefaultGasProvider());
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public long microUsd() {
        BigInteger answer;
        Instant updatedAt;
        int decimals;
        try {
            decimals = aggregator.decimals().send().intValueExact();
            var round = aggregator.latestRoundData().send();
            answer = round.component2();
            updatedAt = Instant.ofEpochSecond(round.component4().longValueExact());
        } catch (Exception e) {
            throw new IllegalStateException("the CPT/USD feed could not be read: " + e.getMessage(), e);
        }
        if (updatedAt.isBefore(clock.instant().minus(maxAge))) {
            throw new IllegalStateException("the CPT/USD feed's answer is from " + updatedAt + ", older than " + maxAge);
        }
        if (answer.signum() <= 0) throw new IllegalStateException("the CPT/USD feed answers " + answer);
        return new BigDecimal(answer).movePointLeft(decimals - 6).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
