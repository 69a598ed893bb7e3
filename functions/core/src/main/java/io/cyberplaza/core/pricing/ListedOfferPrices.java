package io.cyberplaza.core.pricing;

import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.Offer;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The providers' own price lists: every active offer sold per core or vCPU is a price per vCPU-hour
 * in its region, per GPU of a named model ({@code unit} like {@code "gpu:h100"}) a price per GPU-hour.
 * The platform's cloud resale is left out: its prices come from the vendors' lists. Offers are priced
 * in USDC, counted here as USD (the peg check guards that).
 */
public final class ListedOfferPrices implements PriceSource {
    public static final String NAME = "providers";

    private final ListingRepository listings;
    private final Clock clock;

    public ListedOfferPrices(ListingRepository listings, Clock clock) {
        this.listings = listings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void read(Consumer<Observation> sink) {
        Instant now = clock.instant();
        for (Listing listing : listings.findByStatus(ListingStatus.ACTIVE)) {
            Offer offer = listing.offer();
            if (offer.machine() != null) continue;
            MarketPrices.keyOf(offer).ifPresent(key -> sink.accept(new Observation(NAME, offer.offerId(), key, offer.pricePerHour(), "USD", now)));
        }
    }
}
