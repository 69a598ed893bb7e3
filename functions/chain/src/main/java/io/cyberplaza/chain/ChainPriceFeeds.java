package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.core.pricing.FeedRound;
import io.cyberplaza.core.pricing.PriceFeedPublisher;
import io.cyberplaza.core.pricing.PriceKey;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The PriceFeed contracts, one per key (the key's text names it, e.g. {@code vcpu_hour/us-east}).
 * Updates go through the transaction sender: recorded in the outbox under an id of the key and the
 * observation's moment, so a repeated publish sends nothing twice. Answers have 6 decimals: micro-USD.
 */
public final class ChainPriceFeeds implements PriceFeedPublisher {
    private final Web3j web3j;
    private final TransactionSender sender;
    private final Map<String, String> feedsByKey;

    public ChainPriceFeeds(Web3j web3j, TransactionSender sender, Map<String, String> feedsByKey) {
        this.web3j = web3j;
        this.sender = sender;
        this.feedsByKey = Map.copyOf(feedsByKey);
    }

    @Override
    public boolean hasFeed(PriceKey key) {
        return feedsByKey.containsKey(key.toString());
    }

    @Override
    public Optional<FeedRound> latest(PriceKey key) {
        try {
            PriceFeed feed = feed(key);
            if (feed.latestRound().send().signum() == 0) return Optional.empty();
            var round = feed.latestRoundData().send();
            return Optional.of(new FeedRound(round.component1().longValueExact(), round.component2().longValueExact(),
                    Instant.ofEpochSecond(round.component3().longValueExact())));
        } catch (IOException e) {
            throw new UncheckedIOException("the feed of " + key + " could not be read", e);
        } catch (Exception e) {
            throw new IllegalStateException("the feed of " + key + " could not be read", e);
        }
    }

    @Override
    public void publish(PriceKey key, long microUsd, Instant observedAt) {
        String data = feed(key).update(BigInteger.valueOf(microUsd), BigInteger.valueOf(observedAt.getEpochSecond())).encodeFunctionCall();
        try {
            sender.submit("feed:" + key + ":" + observedAt.getEpochSecond(), feedsByKey.get(key.toString()), data);
        } catch (IOException e) {
            throw new UncheckedIOException("the feed update of " + key + " could not be sent", e);
        }
    }

    private PriceFeed feed(PriceKey key) {
        String address = feedsByKey.get(key.toString());
        if (address == null) throw new IllegalArgumentException("no feed for " + key);
        // Used to read and to encode calls only: it never signs or sends anything.
        return PriceFeed.load(address, web3j, new ReadonlyTransactionManager(web3j, sender.sender()), new DefaultGasProvider());
    }
}
