package io.cyberplaza.core.ve;

import io.cyberplaza.core.error.DomainException;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform fee's discount for veCPT holders, by tier of voting power. A quote reads the buyer's
 * power through here; a reading is kept for {@link #CACHE_FOR}, so a burst of quotes costs the node
 * one call, and a lock made a moment ago shows within that time.
 *
 * <p>A reading the chain cannot give now is no discount, said so on the quote (its snapshot has no
 * power), never a refused quote: the buyer may ask again for the discount.
 */
public final class FeeDiscounts {
    public static final Duration CACHE_FOR = Duration.ofSeconds(30);
    private static final BigInteger VE = BigInteger.TEN.pow(18);
    /** Enough entries for every buyer quoting at once; past it the oldest readings are dropped first. */
    private static final int MAX_CACHED = 10_000;

    /** Voting power of at least {@code minimum} (base units) takes {@code discountBps} off the fee. */
    public record Tier(BigInteger minimum, int discountBps) {
        public Tier {
            if (minimum.signum() <= 0 || discountBps <= 0 || discountBps > 10_000) throw new IllegalArgumentException("invalid fee discount tier");
        }
    }

    /** 5 % of the fee from 1,000 veCPT, 10 % from 10,000, 15 % from 50,000. */
    public static final List<Tier> WHITEPAPER_TIERS = List.of(
            new Tier(BigInteger.valueOf(1_000).multiply(VE), 500),
            new Tier(BigInteger.valueOf(10_000).multiply(VE), 1_000),
            new Tier(BigInteger.valueOf(50_000).multiply(VE), 1_500));

    /** What a quote applied: the power read (null when it could not be read) and the discount it gives. */
    public record Applied(BigInteger votingPower, int discountBps) {
        public static final Applied NONE = new Applied(null, 0);
    }

    private record Reading(BigInteger power, Instant at) {
    }

    private final VeLedger ledger;
    private final List<Tier> tiers;
    private final Clock clock;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    public FeeDiscounts(VeLedger ledger, List<Tier> tiers, Clock clock) {
        this.ledger = ledger;
        this.tiers = tiers.stream().sorted(Comparator.comparing(Tier::minimum)).toList();
        this.clock = clock;
    }

    public List<Tier> tiers() {
        return tiers;
    }

    /** The discount in basis points of the fee that {@code votingPower} earns. */
    public int discountBpsFor(BigInteger votingPower) {
        return tierFor(votingPower).map(Tier::discountBps).orElse(0);
    }

    public Optional<Tier> tierFor(BigInteger votingPower) {
        return tiers.stream().filter(tier -> votingPower.compareTo(tier.minimum()) >= 0).reduce((lower, higher) -> higher);
    }

    /** The tier above {@code votingPower}'s, if there is one. */
    public Optional<Tier> nextTier(BigInteger votingPower) {
        return tiers.stream().filter(tier -> votingPower.compareTo(tier.minimum()) < 0).findFirst();
    }

    /** The discount for {@code buyer} now, from a reading at most {@link #CACHE_FOR} old. */
    public Applied forBuyer(String buyer) {
        String account = buyer.toLowerCase();
        Instant now = clock.instant();
        Reading reading = readings.get(account);
        if (reading == null || !now.isBefore(reading.at().plus(CACHE_FOR))) {
            try {
                reading = new Reading(ledger.holding(account).votingPower(), now);
            } catch (DomainException unreadable) {
                return Applied.NONE;
            }
            if (readings.size() >= MAX_CACHED) readings.values().removeIf(old -> !now.isBefore(old.at().plus(CACHE_FOR)));
            if (readings.size() < MAX_CACHED) readings.put(account, reading);
        }
        return new Applied(reading.power(), discountBpsFor(reading.power()));
    }
}
