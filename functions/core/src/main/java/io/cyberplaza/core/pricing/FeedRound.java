package io.cyberplaza.core.pricing;

import java.time.Instant;

/** The latest round of an on-chain price feed: the answer and when the oracle observed it. */
public record FeedRound(long roundId, long microUsd, Instant observedAt) {
}
