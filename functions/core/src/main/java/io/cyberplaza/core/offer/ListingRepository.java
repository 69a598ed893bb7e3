package io.cyberplaza.core.offer;

import java.util.List;
import java.util.Optional;

/** Port: the Offers table. */
public interface ListingRepository {

    /** Inserts a new listing (version 1); fails with ConditionFailedException if the id is taken. */
    void create(Listing listing);

    Optional<Listing> find(String offerId);

    /** @return false when the stored listing is no longer at {@code expected}'s version */
    boolean replace(Listing expected, Listing next);

    List<Listing> findByStatus(ListingStatus status);

    List<Listing> findByProvider(String provider);
}
