package io.cyberplaza.core.pricing;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.quote.PriceSnapshot;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The published prices as offers and quotes use them. Every offer that sells something comparable
 * shows the market's price of it beside its own. The platform's cloud resale never costs more than
 * the vendor's own current price less the promised discount. Quoting pauses when the last reading of
 * the stablecoin is off its peg or too old to tell. A published price older than {@code maxAge} (a few
 * missed hourly rounds) is not shown: an old price is not the market's.
 */
public final class MarketPrices {
    private static final Set<String> CPU_UNITS = Set.of("core", "vcpu");

    /**
     * @param maxAge            how old a published price or peg reading may be and still be used
     * @param resaleDiscountBps how far under the vendor's own price the platform's cloud resale sells at most
     */
    public record Settings(Duration maxAge, int resaleDiscountBps) {
        public Settings {
            if (resaleDiscountBps < 0 || resaleDiscountBps >= 10_000) throw new IllegalArgumentException("a discount is 0 to 9,999 bps");
        }

        public static Settings defaults() {
            return new Settings(Duration.ofHours(3), 1_000);
        }
    }

    /** An offer as it sells now, with the market's price of what it sells (null when there is none recent). */
    public record PricedOffer(Offer offer, PriceRepository.PublishedPrice market) {
    }

    /** What a quote is made from: the offer at its price now and the market it was priced against. */
    public record ForQuote(Offer offer, PriceSnapshot snapshot) {
    }

    private final PriceRepository prices;
    private final Settings settings;
    private final Clock clock;

    public MarketPrices(PriceRepository prices, Settings settings, Clock clock) {
        this.prices = prices;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The key an offer's price compares with: per vCPU-hour for offers sold per core or vCPU, per
     * GPU-hour of the model for offers sold per GPU ({@code unit} {@code "gpu:h100"}), and the vendor's
     * own machine type for a cloud machine. Other offers have none.
     */
    public static Optional<PriceKey> keyOf(Offer offer) {
        String region = Canonical.regionClass(offer.region()).orElse(offer.region());
        if (offer.machine() != null) {
            return Optional.of(new PriceKey(PriceUnit.INSTANCE_HOUR, region, offer.machine().machineType(), offer.machine().spot()));
        }
        String unit = offer.unit() == null ? "" : offer.unit().toLowerCase(Locale.ROOT);
        if (offer.resourceType() == ResourceType.CPU && CPU_UNITS.contains(unit)) {
            return Optional.of(new PriceKey(PriceUnit.VCPU_HOUR, region, ""));
        }
        if (offer.resourceType() == ResourceType.GPU && unit.startsWith("gpu:") && unit.length() > 4) {
            return Optional.of(new PriceKey(PriceUnit.GPU_HOUR, region, unit.substring(4)));
        }
        return Optional.empty();
    }

    /** The offers as they sell now, with their market prices, in one read of the Prices table per hundred keys. */
    public List<PricedOffer> price(List<Offer> offers) {
        Map<PriceKey, PriceRepository.PublishedPrice> current =
                freshWithPeg(offers.stream().map(MarketPrices::keyOf).flatMap(Optional::stream).toList());
        PriceRepository.PublishedPrice peg = current.get(Peg.KEY);
        return offers.stream().map(offer -> {
            PriceRepository.PublishedPrice market = keyOf(offer).map(current::get).orElse(null);
            return new PricedOffer(resale(offer, market, peg), market);
        }).toList();
    }

    /** The offer at its price now and the market snapshot a quote records; refuses while quoting is paused. */
    public ForQuote forQuote(Offer offer) {
        Optional<PriceKey> key = keyOf(offer);
        Map<PriceKey, PriceRepository.PublishedPrice> current = freshWithPeg(key.stream().toList());
        PriceRepository.PublishedPrice peg = current.get(Peg.KEY);
        if (peg == null) {
            throw new DomainException(ErrorType.QUOTING_PAUSED, "no recent reading of USDC's price in USD; quoting resumes with the next one");
        }
        if (!new Peg(peg.microUsd()).holds()) {
            throw new DomainException(ErrorType.QUOTING_PAUSED, "USDC is at " + peg.microUsd() + " micro-USD, more than "
                    + Peg.MAX_DEVIATION_BPS + " bps from its peg; quoting resumes when it is back");
        }
        PriceRepository.PublishedPrice market = key.map(current::get).orElse(null);
        PriceSnapshot snapshot = new PriceSnapshot(key.map(PriceKey::toString).orElse(null), market == null ? null : market.microUsd(),
                market == null ? 0 : market.sources(), market == null ? null : market.publishedAt(), peg.microUsd(), peg.publishedAt());
        return new ForQuote(resale(offer, market, peg), snapshot);
    }

    /**
     * A cloud machine resold by the platform at no more than the vendor's price less the discount,
     * converted from USD to USDC at the peg reading (prices are USD, escrows USDC).
     */
    private Offer resale(Offer offer, PriceRepository.PublishedPrice market, PriceRepository.PublishedPrice peg) {
        if (offer.machine() == null || market == null || peg == null) return offer;
        BigInteger ceiling = BigInteger.valueOf(market.microUsd()).multiply(BigInteger.valueOf(10_000L - settings.resaleDiscountBps()))
                .multiply(BigInteger.valueOf(1_000_000L))
                .divide(BigInteger.valueOf(10_000L).multiply(BigInteger.valueOf(peg.microUsd())));
        return ceiling.signum() > 0 ? offer.cappedAt(ceiling.longValueExact()) : offer;
    }

    /** The recent prices of these keys and of the USDC peg, in one read. */
    private Map<PriceKey, PriceRepository.PublishedPrice> freshWithPeg(List<PriceKey> keys) {
        Set<PriceKey> wanted = new HashSet<>(keys);
        wanted.add(Peg.KEY);
        return fresh(wanted);
    }

    private Map<PriceKey, PriceRepository.PublishedPrice> fresh(Set<PriceKey> keys) {
        Instant oldest = clock.instant().minus(settings.maxAge());
        Map<PriceKey, PriceRepository.PublishedPrice> fresh = new HashMap<>();
        prices.current(keys).forEach((key, price) -> {
            if (!price.publishedAt().isBefore(oldest)) fresh.put(key, price);
        });
        return fresh;
    }
}
