package io.cyberplaza.pricing;

import io.cyberplaza.core.pricing.Canonical;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceSource;
import software.amazon.awssdk.services.pricing.PricingClient;
import software.amazon.awssdk.services.pricing.model.Filter;
import software.amazon.awssdk.services.pricing.model.FilterType;
import software.amazon.awssdk.services.pricing.model.GetProductsRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The AWS Price List Query API: {@code GetProducts} of AmazonEC2, Linux, shared tenancy, no
 * pre-installed software, capacity in use, followed through its pages. Each {@code PriceList} entry
 * is a JSON document in a string: its product's attributes give the instance type, region, vCPUs and
 * GPUs, its on-demand term the hourly USD price.
 */
public final class AwsPriceList implements PriceSource {
    public static final String NAME = "aws-pricing";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PricingClient pricing;
    private final Clock clock;

    public AwsPriceList(PricingClient pricing, Clock clock) {
        this.pricing = pricing;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void read(Consumer<Observation> sink) {
        Instant observedAt = clock.instant();
        GetProductsRequest request = GetProductsRequest.builder().serviceCode("AmazonEC2").formatVersion("aws_v1").maxResults(100)
                .filters(match("operatingSystem", "Linux"), match("tenancy", "Shared"), match("preInstalledSw", "NA"),
                        match("capacitystatus", "Used"))
                .build();
        pricing.getProductsPaginator(request).priceList().forEach(entry -> emit(entry, observedAt, sink));
    }

    private static Filter match(String field, String value) {
        return Filter.builder().type(FilterType.TERM_MATCH).field(field).value(value).build();
    }

    private static void emit(String entry, Instant observedAt, Consumer<Observation> sink) {
        JsonNode document;
        try {
            document = JSON.readTree(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("a PriceList entry is not JSON", e);
        }
        JsonNode attributes = document.path("product").path("attributes");
        String instanceType = attributes.path("instanceType").asText(null);
        String region = attributes.path("regionCode").asText(null);
        if (instanceType == null || region == null) return;
        int vcpus = attributes.path("vcpu").asInt(0);
        int gpus = attributes.path("gpu").asInt(0);
        // The attributes give the counts; only the shapes table knows a GPU's model.
        Optional<Canonical.Shape> known = Canonical.shape(instanceType);
        Optional<Canonical.Shape> stated = vcpus <= 0 ? known : Optional.of(new Canonical.Shape(vcpus,
                known.map(Canonical.Shape::gpuModel).orElse(""), known.filter(Canonical.Shape::hasGpus).map(shape -> gpus).orElse(0)));
        for (Iterator<JsonNode> terms = document.path("terms").path("OnDemand").elements(); terms.hasNext(); ) {
            for (Iterator<JsonNode> dimensions = terms.next().path("priceDimensions").elements(); dimensions.hasNext(); ) {
                JsonNode dimension = dimensions.next();
                if (!"Hrs".equals(dimension.path("unit").asText())) continue;
                JsonNode usd = dimension.path("pricePerUnit").path("USD");
                BigDecimal hourly = usd.isMissingNode() ? null : new BigDecimal(usd.asText());
                MachinePrices.emit(NAME, document.path("product").path("sku").asText(), region, instanceType, stated, hourly,
                        usd.isMissingNode() ? dimension.path("pricePerUnit").fieldNames().next() : "USD", observedAt, sink);
            }
        }
    }
}
