package io.cyberplaza.provisioner.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.core.pricing.PriceUnit;
import io.cyberplaza.vendor.JsonDownloads;
import io.cyberplaza.vendor.MachinePrices;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud Billing Catalog's SKUs of Compute Engine, page by page ({@code nextPageToken}). A
 * machine's price is assembled from its family's "Instance Core" SKU (per vCPU-hour) and "Instance
 * Ram" SKU (per GiB-hour) in each region the SKUs list: {@code n2-standard-8} is 8 cores and 32 GiB.
 * On-demand and spot ({@code usageType} Preemptible) SKUs make prices of their own kind. GPU SKUs are
 * per GPU-hour of their model. Amounts are {@code units} plus {@code nanos} of the tier from zero.
 */
public final class GcpBillingCatalog implements PriceSource {
    public static final String NAME = "gcp-catalog";
    /** Compute Engine's service id in the catalog. */
    public static final String COMPUTE_SERVICE = "6F81-5844-456A";
    private static final Pattern GPU = Pattern.compile("Nvidia (?:Tesla )?([A-Za-z]+\\d+)");
    private static final Pattern PART = Pattern.compile("^(?:Spot Preemptible )?([A-Za-z0-9]+) Instance (Core|Ram) running in ");
    /** Predefined machine types: family, memory class, vCPUs. */
    private static final Pattern MACHINE = Pattern.compile("^([a-z0-9]+)-(standard|highmem|highcpu)-(\\d+)$");
    private static final Map<String, Integer> GIB_PER_VCPU = Map.of("standard", 4, "highmem", 8, "highcpu", 1);

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final Clock clock;

    /** A family's core and RAM prices in one region, on demand or spot, as the SKUs give them. */
    private record Part(String skuId, BigDecimal hourly, String currency) {
    }

    private record Family(String family, String region, boolean spot) {
    }

    /** @param endpoint {@code https://cloudbilling.googleapis.com} (a WireMock server in tests) */
    public GcpBillingCatalog(HttpClient http, URI endpoint, String apiKey, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.apiKey = apiKey;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void read(Consumer<Observation> sink) {
        Instant observedAt = clock.instant();
        // Cores and RAM arrive on any page, apart: machines are assembled once every page is read.
        Map<Family, Part> cores = new TreeMap<>(FAMILY_ORDER);
        Map<Family, Part> ram = new HashMap<>();
        String pageToken = "";
        do {
            JsonNode page = page(pageToken);
            for (JsonNode sku : page.path("skus")) read(sku, cores, ram, observedAt, sink);
            pageToken = page.path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
        cores.forEach((family, core) -> {
            Part memory = ram.get(family);
            if (memory != null) emitMachines(family, core, memory, observedAt, sink);
        });
    }

    private static final java.util.Comparator<Family> FAMILY_ORDER = java.util.Comparator.comparing(Family::family)
            .thenComparing(Family::region).thenComparing(Family::spot);

    /** Every machine type of the shapes table in the family, at cores x core price + GiB x RAM price. */
    private static void emitMachines(Family family, Part core, Part memory, Instant observedAt, Consumer<Observation> sink) {
        for (String machineType : Canonical.machineTypes(family.family() + "-")) {
            Matcher shape = MACHINE.matcher(machineType);
            if (!shape.matches()) continue;
            int vcpus = Integer.parseInt(shape.group(3));
            int gib = vcpus * GIB_PER_VCPU.get(shape.group(2));
            BigDecimal hourly;
            String currency;
            if (core.hourly() == null || memory.hourly() == null) {
                hourly = null;
                currency = "USD";
            } else if (core.hourly().signum() <= 0 || memory.hourly().signum() <= 0) {
                // A part at zero or below would make a cheap machine, not a bad record: the bad part is what is reported.
                hourly = core.hourly().signum() <= 0 ? core.hourly() : memory.hourly();
                currency = "USD";
            } else {
                hourly = core.hourly().multiply(BigDecimal.valueOf(vcpus)).add(memory.hourly().multiply(BigDecimal.valueOf(gib)));
                currency = "USD".equals(core.currency()) ? memory.currency() : core.currency();
            }
            MachinePrices.emit(NAME, core.skuId() + "+" + memory.skuId(), family.region(), machineType,
                    Optional.of(new Canonical.Shape(vcpus, "", 0)), hourly, currency, family.spot(), observedAt, sink);
        }
    }

    private JsonNode page(String pageToken) {
        URI uri = URI.create(endpoint + "/v1/services/" + COMPUTE_SERVICE + "/skus?currencyCode=USD&pageSize=5000&key="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8)
                + (pageToken.isEmpty() ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8)));
        // A page is at most 5,000 SKUs: read whole, as a tree.
        return JsonDownloads.get(http, uri, Duration.ofSeconds(60), "the Cloud Billing Catalog", parser -> parser.readValueAsTree());
    }

    private static void read(JsonNode sku, Map<Family, Part> cores, Map<Family, Part> ram, Instant observedAt, Consumer<Observation> sink) {
        JsonNode category = sku.path("category");
        String usage = category.path("usageType").asText();
        boolean spot = "Preemptible".equals(usage);
        if (!(spot || "OnDemand".equals(usage)) || !"Compute".equals(category.path("resourceFamily").asText())) return;
        String description = sku.path("description").asText("");
        Matcher part = PART.matcher(description);
        Matcher gpu = GPU.matcher(description);
        boolean isPart = part.find() && !description.contains("Sole Tenancy") && !description.contains("Custom");
        if (!isPart && !("GPU".equals(category.path("resourceGroup").asText()) && gpu.find())) return;
        JsonNode expression = sku.path("pricingInfo").path(0).path("pricingExpression");
        String unit = expression.path("usageUnit").asText();
        JsonNode rate = null;
        for (JsonNode tier : expression.path("tieredRates")) {
            JsonNode start = tier.path("startUsageAmount");
            if (start.isNumber() && start.decimalValue().signum() == 0) rate = tier.path("unitPrice");
        }
        BigDecimal hourly = rate == null ? null : decimal(rate);
        String currency = rate == null ? "USD" : rate.path("currencyCode").asText("");
        String skuId = sku.path("skuId").asText();
        if (isPart) {
            boolean isCore = part.group(2).equals("Core");
            if (!(isCore ? "h" : "GiBy.h").equals(unit)) return;
            String family = part.group(1).toLowerCase(Locale.ROOT);
            for (JsonNode region : sku.path("serviceRegions")) {
                (isCore ? cores : ram).put(new Family(family, region.asText(), spot), new Part(skuId, hourly, currency));
            }
            return;
        }
        if (!"h".equals(unit)) return;
        String model = gpu.group(1).toLowerCase(Locale.ROOT);
        Long micros = MachinePrices.micros(hourly);
        for (JsonNode region : sku.path("serviceRegions")) {
            String regionClass = Canonical.regionClass(region.asText()).orElse(region.asText());
            sink.accept(new Observation(NAME, skuId, new PriceKey(PriceUnit.GPU_HOUR, regionClass, model, spot), micros, currency, observedAt));
        }
    }

    /** {@code units} whole currency units plus {@code nanos} billionths, exactly; null without either. */
    static BigDecimal decimal(JsonNode money) {
        if (!money.has("units") && !money.has("nanos")) return null;
        return new BigDecimal(money.path("units").asText("0")).add(BigDecimal.valueOf(money.path("nanos").asLong(0), 9));
    }
}
