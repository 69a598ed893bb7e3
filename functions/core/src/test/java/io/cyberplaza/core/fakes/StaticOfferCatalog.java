package io.cyberplaza.core.fakes;

import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.OfferCatalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class StaticOfferCatalog implements OfferCatalog {
    private final Map<String, Offer> offers = new ConcurrentHashMap<>();

    public StaticOfferCatalog(Offer... offers) {
        for (Offer offer : offers) put(offer);
    }

    /** Adds or replaces an offer, e.g. to change its price after a quote was made. */
    public void put(Offer offer) {
        offers.put(offer.offerId(), offer);
    }

    @Override
    public List<Offer> list() {
        return List.copyOf(offers.values());
    }

    @Override
    public Optional<Offer> find(String offerId) {
        return Optional.ofNullable(offers.get(offerId));
    }
}
