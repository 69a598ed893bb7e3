package io.cyberplaza.core.quote;

import java.time.Instant;

/**
 * The market a quote was made against, kept with it: the published price of what the offer sells (if
 * the offer has a comparable key and a recent price) and the stablecoin's peg, each with its moment.
 *
 * @param key              the comparable key, e.g. {@code vcpu_hour/us-east}; null when the offer has none
 * @param marketMicroUsd   the key's published price in micro-USD per unit-hour; null when there was none recent
 * @param marketSources    how many sources the price was the median of (0 without a price)
 * @param usdPerUsdcMicros one USDC in micro-USD at the time
 */
public record PriceSnapshot(String key, Long marketMicroUsd, int marketSources, Instant marketAt, long usdPerUsdcMicros, Instant pegAt) {
}
