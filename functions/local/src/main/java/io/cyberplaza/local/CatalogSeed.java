package io.cyberplaza.local;

import io.cyberplaza.core.auth.Account;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.Role;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.OfferCatalog;
import io.cyberplaza.core.offer.SlaTerms;
import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.provider.ProviderRepository;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The local marketplace opens with the bundled catalog's offers on sale: their providers get the
 * PROVIDER role and a profile at the catalog's tier, and each offer is listed. Anything already there
 * is left as it is.
 */
public final class CatalogSeed {
    private static final SlaTerms LOCAL_SLA = new SlaTerms(9_900, 5);

    private CatalogSeed() {
    }

    public static void plant(OfferCatalog catalog, ListingRepository listings, ProviderRepository providers, AccountRepository accounts,
                      Instant now) {
        for (Offer offer : catalog.list()) {
            String address = offer.providerAddress();
            if (accounts.find(address).isEmpty()) {
                Account none = Account.empty(address, now);
                accounts.replace(none, none.with(Set.of(Role.PROVIDER), now, "catalog"));
            }
            if (providers.find(address).isEmpty()) {
                providers.replace(0, new Provider(address, offer.providerId(), offer.tier(), null, 1, now));
            }
            if (listings.find(offer.offerId()).isEmpty()) {
                listings.create(new Listing(offer, ListingStatus.ACTIVE, LOCAL_SLA, List.of(), null, 1, now));
            }
        }
    }
}
