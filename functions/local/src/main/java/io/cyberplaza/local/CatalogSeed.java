package io.cyberplaza.local;

import io.cyberplaza.core.auth.Account;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.Role;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.HpcPartition;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.OfferCatalog;
import io.cyberplaza.core.offer.ResourceType;
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
    /** The local HPC centre's node, as the stack found it. */
    public static final String HPC_CORES = "cyberplaza.local.hpc.cores";
    public static final String HPC_MEMORY_MB = "cyberplaza.local.hpc.memory-mb";
    public static final String HPC_OFFER = "hpc-local";
    /** The local HPC centre is paid at the ninth well-known development account of the local chain. */
    static final String HPC_PROVIDER = "0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f";
    /** 0.05 USDC a core-hour. */
    static final long HPC_PRICE_PER_CORE_HOUR = 50_000;

    private CatalogSeed() {
    }

    /**
     * The local HPC centre's partition as an offer: one node of this machine's cores and memory,
     * priced per core-hour, running the centre's applications and the buyer's own scripts. It lists
     * no benchmarks: nobody has measured this machine.
     */
    public static Offer hpcOffer(int cores, long memoryMb, List<String> applications) {
        HpcPartition partition = new HpcPartition("compute", 1, cores, memoryMb, 0, 24 * 60, HpcPartition.BilledBy.CORE);
        return new Offer(HPC_OFFER, "local-hpc-centre", HPC_PROVIDER, "Slurm partition of the local HPC centre: batch jobs, sweeps and workflows",
                ResourceType.CPU, "local", "core", HPC_PRICE_PER_CORE_HOUR, FeeTier.VERIFIED, "slurm", applications, cores, 24, List.of(),
                null, partition);
    }

    public static void plant(OfferCatalog catalog, ListingRepository listings, ProviderRepository providers, AccountRepository accounts,
                      Instant now) {
        plant(catalog.list(), listings, providers, accounts, now);
    }

    public static void plant(List<Offer> offers, ListingRepository listings, ProviderRepository providers, AccountRepository accounts,
                             Instant now) {
        for (Offer offer : offers) {
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
