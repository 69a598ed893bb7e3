package io.cyberplaza.chain.rewards;

import io.cyberplaza.chain.AggregatorAnswer;
import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.core.rewards.CptPrice;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.RoundingMode;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;

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
        AggregatorAnswer latest = AggregatorAnswer.latest(aggregator, "CPT/USD", maxAge, clock);
        return new BigDecimal(latest.answer()).movePointLeft(latest.decimals() - 6).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
