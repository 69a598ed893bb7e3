package io.cyberplaza.core.pricing;

import java.time.Instant;
import java.util.Optional;

/** Port: the on-chain price feeds, one per published key. */
public interface PriceFeedPublisher {

    /** The keys that have a feed: the others are published to the Prices table only. */
    boolean hasFeed(PriceKey key);

    Optional<FeedRound> latest(PriceKey key);

    /** Sends the update; repeating it for the same key and moment sends nothing more. */
    void publish(PriceKey key, long microUsd, Instant observedAt);
}
