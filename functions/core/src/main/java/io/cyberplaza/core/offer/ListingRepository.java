package io.cyberplaza.core.offer;

import java.util.List;
import java.util.Optional;

/** Port: the Offers table. */
public interface ListingRepository {

    /** Inserts a new listing (version 1); fails with ConditionFailedException if the id is taken. */
    void create(Listing listing);

    /** The listing; it may be a copy kept for seconds (see {@link RecentListings}): fine to show or quote, not to decide a write on. */
    Optional<Listing> find(String offerId);

    /** The listing as stored now, never a kept copy: what a decision to change it, or to leave it, is made on. */
    default Optional<Listing> findCurrent(String offerId) {
        return find(offerId);
    }

    /** @return false when the stored listing is no longer at {@code expected}'s version */
    boolean replace(Listing expected, Listing next);

    List<Listing> findByStatus(ListingStatus status);

    List<Listing> findByProvider(String provider);
}
