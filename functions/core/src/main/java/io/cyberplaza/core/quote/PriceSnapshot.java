package io.cyberplaza.core.quote;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The market a quote was made against, kept with it: the published price of what the offer sells (if
 * the offer has a comparable key and a recent price), the stablecoin's peg, each with its moment, and
 * the buyer's veCPT voting power with the fee discount it earned.
 *
 * @param key               the comparable key, e.g. {@code vcpu_hour/us-east}; null when the offer has none
 * @param marketMicroUsd    the key's published price in micro-USD per unit-hour; null when there was none recent
 * @param marketSources     how many sources the price was the median of (0 without a price)
 * @param usdPerUsdcMicros  one USDC in micro-USD at the time
 * @param buyerVotingPower  the buyer's veCPT (18 decimals) as read for the quote; null when none was read
 * @param feeDiscountBps    the discount that power earned, in basis points of the platform's fee
 */
public record PriceSnapshot(String key, Long marketMicroUsd, int marketSources, Instant marketAt, long usdPerUsdcMicros, Instant pegAt,
                            BigInteger buyerVotingPower, int feeDiscountBps) {

    /** A snapshot with no veCPT reading. */
    public PriceSnapshot(String key, Long marketMicroUsd, int marketSources, Instant marketAt, long usdPerUsdcMicros, Instant pegAt) {
        this(key, marketMicroUsd, marketSources, marketAt, usdPerUsdcMicros, pegAt, null, 0);
    }

    public PriceSnapshot withFeeDiscount(BigInteger votingPower, int discountBps) {
        return new PriceSnapshot(key, marketMicroUsd, marketSources, marketAt, usdPerUsdcMicros, pegAt, votingPower, discountBps);
    }
}
