package io.cyberplaza.core.fakes;

import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryListingRepository implements ListingRepository {
    private final Map<String, Listing> listings = new ConcurrentHashMap<>();

    @Override
    public void create(Listing listing) {
        if (listings.putIfAbsent(listing.offerId(), listing) != null) throw new ConditionFailedException("offer " + listing.offerId() + " exists");
    }

    @Override
    public Optional<Listing> find(String offerId) {
        return Optional.ofNullable(listings.get(offerId));
    }

    @Override
    public synchronized boolean replace(Listing expected, Listing next) {
        Listing stored = listings.get(expected.offerId());
        if (stored == null || stored.version() != expected.version() || next.version() != expected.version() + 1) return false;
        listings.put(next.offerId(), next);
        return true;
    }

    @Override
    public List<Listing> findByStatus(ListingStatus status) {
        return listings.values().stream().filter(l -> l.status() == status).toList();
    }

    @Override
    public List<Listing> findByProvider(String provider) {
        return listings.values().stream().filter(l -> l.provider().equals(provider)).toList();
    }
}
