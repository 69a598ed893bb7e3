package io.cyberplaza.pricing;

import io.cyberplaza.core.pricing.Canonical;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.core.pricing.PriceUnit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Cloud Billing Catalog's SKUs of Compute Engine, page by page ({@code nextPageToken}). A
 * machine's price is its cores' and memory's: the on-demand "Instance Core" SKUs are per vCPU-hour
 * already, and the GPU SKUs per GPU-hour of their model, in every region the SKU lists. Amounts are
 * {@code units} plus {@code nanos} of the tier that starts at zero.
 */
public final class GcpBillingCatalog implements PriceSource {
    public static final String NAME = "gcp-catalog";
    /** Compute Engine's service id in the catalog. */
    public static final String COMPUTE_SERVICE = "6F81-5844-456A";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GPU = Pattern.compile("Nvidia (?:Tesla )?([A-Za-z]+\\d+)");

    private final HttpClient http;
    private final URI endpoint;
    private final String apiKey;
    private final Clock clock;

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
        String pageToken = "";
        do {
            JsonNode page = page(pageToken);
            for (JsonNode sku : page.path("skus")) emit(sku, observedAt, sink);
            pageToken = page.path("nextPageToken").asText("");
        } while (!pageToken.isEmpty());
    }

    private JsonNode page(String pageToken) {
        URI uri = URI.create(endpoint + "/v1/services/" + COMPUTE_SERVICE + "/skus?currencyCode=USD&pageSize=5000&key="
                + URLEncoder.encode(apiKey, StandardCharsets.UTF_8)
                + (pageToken.isEmpty() ? "" : "&pageToken=" + URLEncoder.encode(pageToken, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) throw new IOException("HTTP " + response.statusCode());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the Cloud Billing Catalog could not be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the Cloud Billing Catalog", e);
        }
    }

    private static void emit(JsonNode sku, Instant observedAt, Consumer<Observation> sink) {
        JsonNode category = sku.path("category");
        if (!"OnDemand".equals(category.path("usageType").asText()) || !"Compute".equals(category.path("resourceFamily").asText())) return;
        String description = sku.path("description").asText("");
        PriceKeyFactory key;
        if (description.contains("Instance Core") && !description.contains("Sole Tenancy")) {
            key = region -> new PriceKey(PriceUnit.VCPU_HOUR, region, "");
        } else {
            Matcher gpu = GPU.matcher(description);
            if (!"GPU".equals(category.path("resourceGroup").asText()) || !gpu.find()) return;
            String model = gpu.group(1).toLowerCase(Locale.ROOT);
            key = region -> new PriceKey(PriceUnit.GPU_HOUR, region, model);
        }
        JsonNode expression = sku.path("pricingInfo").path(0).path("pricingExpression");
        if (!"h".equals(expression.path("usageUnit").asText())) return;
        JsonNode rate = null;
        for (JsonNode tier : expression.path("tieredRates")) {
            JsonNode start = tier.path("startUsageAmount");
            if (start.isNumber() && start.decimalValue().signum() == 0) rate = tier.path("unitPrice");
        }
        Long micros = rate == null ? null : micros(rate);
        String currency = rate == null ? "USD" : rate.path("currencyCode").asText("");
        for (JsonNode region : sku.path("serviceRegions")) {
            String regionClass = Canonical.regionClass(region.asText()).orElse(region.asText());
            sink.accept(new Observation(NAME, sku.path("skuId").asText(), key.of(regionClass), micros, currency, observedAt));
        }
    }

    /** {@code units} whole currency units plus {@code nanos} billionths, as micro-units rounded down. */
    static Long micros(JsonNode money) {
        if (!money.has("units") && !money.has("nanos")) return null;
        long units = Long.parseLong(money.path("units").asText("0"));
        long nanos = money.path("nanos").asLong(0);
        return Math.multiplyExact(units, 1_000_000L) + Math.floorDiv(nanos, 1_000L);
    }

    @FunctionalInterface
    private interface PriceKeyFactory {
        PriceKey of(String region);
    }
}
