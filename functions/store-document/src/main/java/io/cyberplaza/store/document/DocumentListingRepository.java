package io.cyberplaza.store.document;

import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DocumentListingRepository implements ListingRepository {
    private final DocumentTable<Listing> listings;

    DocumentListingRepository(DocumentStore store, String collection) {
        this.listings = new DocumentTable<>(store, collection, Listing.class, listing -> DocumentTable.single(listing.offerId()),
                listing -> Map.of("status", listing.status().name(), "provider", listing.provider()));
    }

    @Override
    public void create(Listing listing) {
        if (!listings.create(listing)) throw new ConditionFailedException("offer " + listing.offerId() + " exists");
    }

    @Override
    public Optional<Listing> find(String offerId) {
        return listings.find(DocumentTable.single(offerId));
    }

    @Override
    public boolean replace(Listing expected, Listing next) {
        if (next.version() != expected.version() + 1) return false;
        return listings.replaceIf(DocumentTable.single(expected.offerId()), stored -> stored.version() == expected.version(), next);
    }

    @Override
    public List<Listing> findByStatus(ListingStatus status) {
        return listings.where("status", status.name());
    }

    @Override
    public List<Listing> findByProvider(String provider) {
        return listings.where("provider", provider);
    }
}
