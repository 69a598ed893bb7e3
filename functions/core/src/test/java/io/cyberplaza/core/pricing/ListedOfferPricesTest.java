package io.cyberplaza.core.pricing;

import io.cyberplaza.core.fakes.InMemoryListingRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.offer.SlaTerms;
import io.cyberplaza.provisioner.MachineSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class ListedOfferPricesTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final String PROVIDER = "0x00000000000000000000000000000000000000b2";

    private static Offer offer(String id, ResourceType type, String unit, long price, MachineSpec machine) {
        return new Offer(id, "sp", PROVIDER, id, type, "us-east", unit, price, FeeTier.BASIC, "local-process", List.of(), 4, 24, List.of(), machine);
    }

    @Test
    void activeCoreAndNamedGpuOffersArePricesTheCloudResaleAndOtherUnitsAreNot() {
        InMemoryListingRepository listings = new InMemoryListingRepository();
        SlaTerms sla = new SlaTerms(9_950, 5);
        listings.create(new Listing(offer("cores", ResourceType.CPU, "core", 19_500, null), ListingStatus.ACTIVE, sla, List.of(), null, 1, NOW));
        listings.create(new Listing(offer("h100s", ResourceType.GPU, "gpu:H100", 11_900_000, null), ListingStatus.ACTIVE, sla, List.of(), null, 1, NOW));
        listings.create(new Listing(offer("suspended", ResourceType.CPU, "core", 1_000, null), ListingStatus.SUSPENDED, sla, List.of(), null, 1, NOW));
        listings.create(new Listing(offer("disks", ResourceType.STORAGE, "tb", 5_000, null), ListingStatus.ACTIVE, sla, List.of(), null, 1, NOW));
        listings.create(new Listing(offer("resale", ResourceType.CPU, "core", 9_400, new MachineSpec("t3.micro", false, List.of("us-east-1a"))),
                ListingStatus.ACTIVE, sla, List.of(), null, 1, NOW));
        List<Observation> read = new ArrayList<>();

        new ListedOfferPrices(listings, new MutableClock(NOW)).read(read::add);

        assertThat(read).extracting(Observation::recordId, Observation::key, Observation::microUsd).containsExactlyInAnyOrder(
                tuple("cores", new PriceKey(PriceUnit.VCPU_HOUR, "us-east", ""), 19_500L),
                tuple("h100s", new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100"), 11_900_000L));
    }
}
