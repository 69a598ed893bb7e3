package io.cyberplaza.core.offer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listings as the API reads them to quote and to show the market: each listing and the list of
 * those on sale are kept for {@code keepFor} per container, so a quote or a page of offers costs no
 * table read while they are recent. A write through this repository forgets what it kept, and so does
 * a replace that lost a race, so this container reads its own changes at once; a change made by
 * another container shows here within {@code keepFor}. A provider's own listings are always read.
 */
public final class RecentListings implements ListingRepository {
    private record Kept<T>(T value, Instant readAt) {
    }

    /** Far above the listings of a marketplace: reaching it means old entries piled up, and they all go. */
    private static final int MAX_KEPT = 10_000;

    private final ListingRepository listings;
    private final Duration keepFor;
    private final Clock clock;
    private final Map<String, Kept<Optional<Listing>>> byId = new ConcurrentHashMap<>();
    private final Map<ListingStatus, Kept<List<Listing>>> byStatus = new ConcurrentHashMap<>();
    /** Moves on at every write, so a read that raced a write does not keep what it saw. */
    private final AtomicLong writes = new AtomicLong();

    public RecentListings(ListingRepository listings, Duration keepFor, Clock clock) {
        this.listings = listings;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    @Override
    public void create(Listing listing) {
        try {
            listings.create(listing);
        } finally {
            forget();
        }
    }

    @Override
    public Optional<Listing> find(String offerId) {
        Kept<Optional<Listing>> kept = byId.get(offerId);
        if (recent(kept)) return kept.value();
        long writesBefore = writes.get();
        Instant readAt = clock.instant();
        Optional<Listing> listing = listings.find(offerId);
        // Only listings that exist are kept: the ids asked for are the callers' to choose, the listings are not.
        if (listing.isEmpty()) return listing;
        if (byId.size() >= MAX_KEPT) byId.clear();
        byId.put(offerId, new Kept<>(listing, readAt));
        if (writes.get() != writesBefore) byId.remove(offerId);
        return listing;
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
        Kept<List<Listing>> kept = byStatus.get(status);
        if (recent(kept)) return kept.value();
        long writesBefore = writes.get();
        Instant readAt = clock.instant();
        List<Listing> found = List.copyOf(listings.findByStatus(status));
        byStatus.put(status, new Kept<>(found, readAt));
        if (writes.get() != writesBefore) byStatus.remove(status);
        return found;
    }

    @Override
    public List<Listing> findByProvider(String provider) {
        return listings.findByProvider(provider);
    }

    private boolean recent(Kept<?> kept) {
        return kept != null && clock.instant().isBefore(kept.readAt().plus(keepFor));
    }

    /** Writes are rare beside reads: forgetting everything keeps the rule simple. */
    private void forget() {
        writes.incrementAndGet();
        byId.clear();
        byStatus.clear();
    }
}
