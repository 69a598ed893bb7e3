package io.cyberplaza.core.pricing;

import java.time.Instant;
import java.util.List;

/** Publishes a round's prices to the keys' on-chain feeds, each only when its policy says so. */
public final class FeedUpdater {
    private final PriceFeedPublisher feeds;
    private final FeedPolicy policy;

    public FeedUpdater(PriceFeedPublisher feeds, FeedPolicy policy) {
        this.feeds = feeds;
        this.policy = policy;
    }

    /** @return how many feeds were updated */
    public int publish(List<PriceAggregator.Price> prices, Instant observedAt) {
        int updated = 0;
        for (PriceAggregator.Price price : prices) {
            if (!feeds.hasFeed(price.key())) continue;
            if (policy.shouldUpdate(feeds.latest(price.key()), price.microUsd(), observedAt)) {
                feeds.publish(price.key(), price.microUsd(), observedAt);
                updated++;
            }
        }
        return updated;
    }
}
