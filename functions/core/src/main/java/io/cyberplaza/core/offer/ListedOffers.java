package io.cyberplaza.core.offer;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The offers on sale: the ACTIVE listings. What quotes are made from. */
public final class ListedOffers implements OfferCatalog {
    private final ListingRepository listings;

    public ListedOffers(ListingRepository listings) {
        this.listings = listings;
    }

    @Override
    public List<Offer> list() {
        return listings.findByStatus(ListingStatus.ACTIVE).stream().map(Listing::offer)
                .sorted(Comparator.comparing(Offer::offerId)).toList();
    }

    @Override
    public Optional<Offer> find(String offerId) {
        return listings.find(offerId).filter(l -> l.status() == ListingStatus.ACTIVE).map(Listing::offer);
    }
}
