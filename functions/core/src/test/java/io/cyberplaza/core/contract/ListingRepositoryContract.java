package io.cyberplaza.core.contract;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Benchmark;
import io.cyberplaza.core.offer.BenchmarkKind;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.PriceStep;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.offer.SlaTerms;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.provisioner.MachineSpec;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class ListingRepositoryContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");

    protected abstract ListingRepository repository();

    static Listing listing(String provider) {
        String id = "off-" + UUID.randomUUID().toString().substring(0, 12);
        Offer offer = new Offer(id, provider, provider, "GPU box", ResourceType.GPU, "eu-west", "gpu", 2_500_000, FeeTier.BASIC,
                "local-process", List.of("hold"), 8, 72, List.of(new PriceStep(24, 2_200_000), new PriceStep(72, 2_000_000)));
        return new Listing(offer, ListingStatus.ACTIVE, new SlaTerms(9_950, 15),
                List.of(new Benchmark(BenchmarkKind.HPL, new BigDecimal("51.25"), "TFLOP/s", LocalDate.parse("2026-10-01"),
                        "https://example.org/hpl.txt")), null, 1, NOW);
    }

    private static String provider() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    @Test
    void aListingIsStoredWholeAndCreatedOnce() {
        ListingRepository listings = repository();
        Listing listing = listing(provider());
        listings.create(listing);
        assertThat(listings.find(listing.offerId())).contains(listing);
        assertThatThrownBy(() -> listings.create(listing)).isInstanceOf(ConditionFailedException.class);
        assertThat(listings.find("off-missing")).isEmpty();
    }

    @Test
    void aCloudOffersMachineIsStoredWithIt() {
        ListingRepository listings = repository();
        Listing workload = listing(provider());
        Offer o = workload.offer();
        Offer cloud = new Offer(o.offerId(), o.providerId(), o.providerAddress(), "t3.micro on demand", ResourceType.CPU, "us-east-1",
                "instance", 20_000, FeeTier.CERTIFIED, "aws-ec2", List.of("ami-0abcdef1234567890"), 1, 24, List.of(),
                new MachineSpec("t3.micro", false, List.of("us-east-1a", "us-east-1b", "us-west-2a")));
        Listing listing = new Listing(cloud, ListingStatus.ACTIVE, workload.sla(), List.of(), null, 1, NOW);
        listings.create(listing);
        assertThat(listings.find(listing.offerId())).contains(listing);
    }

    @Test
    void changesApplyOnlyToTheVersionReadAndIndexesFollow() {
        ListingRepository listings = repository();
        String provider = provider();
        Listing first = listing(provider);
        Listing second = listing(provider);
        listings.create(first);
        listings.create(second);
        assertThat(listings.findByProvider(provider)).extracting(Listing::offerId).containsExactlyInAnyOrder(first.offerId(), second.offerId());

        Listing suspended = first.withStatus(ListingStatus.SUSPENDED, "under review", NOW.plusSeconds(5));
        assertThat(listings.replace(first, suspended)).isTrue();
        assertThat(listings.replace(first, first.withStatus(ListingStatus.WITHDRAWN, "stale", NOW))).isFalse();
        assertThat(listings.find(first.offerId())).contains(suspended);
        assertThat(listings.findByStatus(ListingStatus.SUSPENDED)).extracting(Listing::offerId).contains(first.offerId());
        assertThat(listings.findByStatus(ListingStatus.ACTIVE)).extracting(Listing::offerId)
                .contains(second.offerId()).doesNotContain(first.offerId());
    }

    @Test
    void ofConcurrentChangesToOneVersionExactlyOneIsStored() throws Exception {
        ListingRepository listings = repository();
        Listing listing = listing(provider());
        listings.create(listing);
        List<Callable<Boolean>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String reason = "reason " + i;
            racers.add(() -> listings.replace(listing, listing.withStatus(ListingStatus.SUSPENDED, reason, NOW)));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            int won = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) if (result.get()) won++;
            assertThat(won).isEqualTo(1);
        }
    }
}
