package io.cyberplaza.api.catalog;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.OfferCatalog;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.provisioner.MachineSpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Offers read once from a catalog file (JSON); every entry is validated by {@link Offer}'s rules. */
public final class JsonOfferCatalog implements OfferCatalog {

    @Serdeable
    record Entry(String offerId, String providerId, String providerAddress, String title, String resourceType, String region,
                 String unit, long pricePerHour, String tier, String provisioner, List<String> templates, int maxUnits,
                 int maxHours, @Nullable Machine machine) {
    }

    /** A public-cloud offer's machine: the vendor's machine type and the zones or regions it may launch in, preferred first. */
    @Serdeable
    record Machine(String machineType, boolean spot, List<String> locations) {
    }

    @Serdeable
    record CatalogFile(String _comment, List<Entry> offers) {
    }

    private final Map<String, Offer> offers;

    private JsonOfferCatalog(List<Offer> offers) {
        this.offers = offers.stream().collect(Collectors.toUnmodifiableMap(Offer::offerId, Function.identity()));
    }

    public static JsonOfferCatalog read(ObjectMapper json, InputStream in) {
        try {
            CatalogFile file = json.readValue(in, CatalogFile.class);
            return new JsonOfferCatalog(file.offers().stream().map(e -> new Offer(e.offerId(), e.providerId(),
                    e.providerAddress().toLowerCase(), e.title(), ResourceType.valueOf(e.resourceType()), e.region(), e.unit(),
                    e.pricePerHour(), FeeTier.valueOf(e.tier()), e.provisioner(), e.templates(), e.maxUnits(), e.maxHours(), List.of(),
                    e.machine() == null ? null : new MachineSpec(e.machine().machineType(), e.machine().spot(), e.machine().locations())))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("the offer catalog cannot be read", e);
        }
    }

    public static JsonOfferCatalog bundled(ObjectMapper json) {
        try (InputStream in = JsonOfferCatalog.class.getResourceAsStream("/catalog/offers.json")) {
            if (in == null) throw new IllegalStateException("the bundled catalog/offers.json is missing");
            return read(json, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Offer> list() {
        return offers.values().stream().sorted(Comparator.comparing(Offer::offerId)).toList();
    }

    @Override
    public Optional<Offer> find(String offerId) {
        return Optional.ofNullable(offers.get(offerId));
    }
}
