package io.cyberplaza.provisioner.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.vendor.MachinePrices;
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

    /**
     * A product's on-demand terms (offer term code to term) as hourly machine prices, in the one
     * currency each dimension is priced in: USD, or another that the round then rejects.
     */
    static void emitOnDemand(JsonNode onDemandTerms, String region, String instanceType, Optional<Canonical.Shape> shape, Instant observedAt,
                             Consumer<Observation> sink) {
        for (Iterator<JsonNode> terms = onDemandTerms.elements(); terms.hasNext(); ) {
            JsonNode term = terms.next();
            for (Iterator<JsonNode> dimensions = term.path("priceDimensions").elements(); dimensions.hasNext(); ) {
                JsonNode dimension = dimensions.next();
                if (!"Hrs".equals(dimension.path("unit").asText())) continue;
                JsonNode amounts = dimension.path("pricePerUnit");
                String currency = amounts.has("USD") || !amounts.fieldNames().hasNext() ? "USD" : amounts.fieldNames().next();
                JsonNode amount = amounts.path(currency);
                MachinePrices.emit(NAME, term.path("sku").asText() + "." + term.path("offerTermCode").asText(), region, instanceType, shape,
                        amount.isMissingNode() ? null : new BigDecimal(amount.asText()), currency, observedAt, sink);
            }
        }
    }

    /** The attributes give the counts; only the shapes table knows a GPU's model. */
    static Optional<Canonical.Shape> shape(String instanceType, int vcpus, int gpus) {
        Optional<Canonical.Shape> known = Canonical.shape(instanceType);
        return vcpus <= 0 ? known : Optional.of(new Canonical.Shape(vcpus, known.map(Canonical.Shape::gpuModel).orElse(""),
                known.filter(Canonical.Shape::hasGpus).map(shape -> gpus).orElse(0)));
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
        Optional<Canonical.Shape> stated = shape(instanceType, attributes.path("vcpu").asInt(0), attributes.path("gpu").asInt(0));
        emitOnDemand(document.path("terms").path("OnDemand"), region, instanceType, stated, observedAt, sink);
    }
}
