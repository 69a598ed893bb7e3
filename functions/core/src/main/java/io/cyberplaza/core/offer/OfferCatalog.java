package io.cyberplaza.core.offer;

import java.util.List;
import java.util.Optional;

/** Port: where offers come from (a catalog file for now; provider listings and live prices later). */
public interface OfferCatalog {

    List<Offer> list();

    Optional<Offer> find(String offerId);
}
