package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.core.pricing.Peg;
import io.cyberplaza.core.pricing.PegSource;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;

/**
 * USDC's price in USD from a Chainlink USDC/USD aggregator (any contract with the AggregatorV3Interface
 * reads: Chainlink's own on a public chain, a PriceFeed on the local one). The answer is scaled from
 * the feed's decimals to micro-USD, rounding toward one dollar so rounding never hides a de-peg's
 * direction. An answer older than {@code maxAge} (the feed's heartbeat and a margin) is no reading.
 */
public final class ChainlinkPeg implements PegSource {
    public static final String NAME = "chainlink-usdc-usd";

    private final PriceFeed aggregator;
    private final Duration maxAge;
    private final Clock clock;

    public ChainlinkPeg(Web3j web3j, String aggregatorAddress, Duration maxAge, Clock clock) {
        // Reads only: the manager never signs.
        this.aggregator = PriceFeed.load(aggregatorAddress, web3j, new ReadonlyTransactionManager(web3j, aggregatorAddress),
                new DefaultGasProvider());
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Peg read() {
        AggregatorAnswer latest = AggregatorAnswer.latest(aggregator, "USDC/USD", maxAge, clock);
        return new Peg(toMicros(latest.answer(), latest.decimals()));
    }

    static long toMicros(BigInteger answer, int decimals) {
        if (decimals <= 6) return answer.multiply(BigInteger.TEN.pow(6 - decimals)).longValueExact();
        BigInteger[] split = answer.divideAndRemainder(BigInteger.TEN.pow(decimals - 6));
        long micros = split[0].longValueExact();
        // Below a dollar, round up; above, down: toward par.
        return split[1].signum() > 0 && micros < 1_000_000L ? micros + 1 : micros;
    }
}
