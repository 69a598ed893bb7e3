package io.cyberplaza.core.offer;

import io.cyberplaza.core.store.KeptReads;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The listings as the API reads them to quote and to show the market: each listing and the list of
 * those on sale are kept for {@code keepFor} per container, so a quote or a page of offers costs no
 * table read while they are recent. A write through this repository forgets what it kept, and so does
 * a replace that lost a race, so this container reads its own changes at once; a change made by
 * another container shows here within {@code keepFor}. A provider's own listings are always read.
 */
public final class RecentListings implements ListingRepository {
    /** Far above the listings of a marketplace. */
    private static final int SWEEP_ABOVE = 10_000;

    private final ListingRepository listings;
    private final KeptReads<String, Optional<Listing>> byId;
    private final KeptReads<ListingStatus, List<Listing>> byStatus;

    public RecentListings(ListingRepository listings, Duration keepFor, Clock clock) {
        this.listings = listings;
        this.byId = new KeptReads<>(keepFor, clock, SWEEP_ABOVE);
        this.byStatus = new KeptReads<>(keepFor, clock, SWEEP_ABOVE);
    }

    @Override
    public void create(Listing listing) {
        try {
            listings.create(listing);
        } finally {
            forget();
        }
    }

    /** Only listings that exist are kept: the ids asked for are the callers' to choose, the listings are not. */
    @Override
    public Optional<Listing> find(String offerId) {
        return byId.get(offerId, listings::find, Optional::isPresent);
    }

    @Override
    public Optional<Listing> findCurrent(String offerId) {
        return listings.findCurrent(offerId);
    }

    @Override
    public boolean replace(Listing expected, Listing next) {
        try {
            return listings.replace(expected, next);
        } finally {
            forget();
        }
    }

    @Override
    public List<Listing> findByStatus(ListingStatus status) {
        return byStatus.get(status, s -> List.copyOf(listings.findByStatus(s)), any -> true);
    }

    @Override
    public List<Listing> findByProvider(String provider) {
        return listings.findByProvider(provider);
    }

    /** Writes are rare beside reads: forgetting everything keeps the rule simple. */
    private void forget() {
        byId.forget();
        byStatus.forget();
    }
}
