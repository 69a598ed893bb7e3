package io.cyberplaza.provisioner.aws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.vendor.JsonDownloads;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The AWS Price List bulk offer files of AmazonEC2, one per region
 * ({@code /offers/v1.0/aws/AmazonEC2/current/<region>/index.json}): the same products and terms as the
 * Query API, for accounts that may not call it. A region's file is hundreds of megabytes, so it is read
 * as a token stream: {@code products} first (only Linux, shared-tenancy, no-software, in-use machines
 * are remembered, by SKU), then {@code terms.OnDemand} priced against them; {@code Reserved} is skipped.
 * It is the same vendor's list as the Query API, so it reports under the same source name: a round
 * counts AWS once, whichever of the two is read.
 */
public final class AwsOfferFile implements PriceSource {

    private final HttpClient http;
    private final URI endpoint;
    private final List<String> regions;
    private final Clock clock;

    /** The shape of a machine SKU worth pricing. */
    private record Machine(String instanceType, String region, Optional<Canonical.Shape> shape) {
    }

    /** @param endpoint {@code https://pricing.us-east-1.amazonaws.com} (a WireMock server in tests) */
    public AwsOfferFile(HttpClient http, URI endpoint, List<String> regions, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.regions = List.copyOf(regions);
        this.clock = clock;
    }

    @Override
    public String name() {
        return AwsPriceList.NAME;
    }

    @Override
    public void read(Consumer<Observation> sink) {
        Instant observedAt = clock.instant();
        for (String region : regions) readRegion(region, observedAt, sink);
    }

    private void readRegion(String region, Instant observedAt, Consumer<Observation> sink) {
        URI file = URI.create(endpoint + "/offers/v1.0/aws/AmazonEC2/current/" + region + "/index.json");
        JsonDownloads.get(http, file, Duration.ofMinutes(5), "the AWS offer file of " + region, parser -> {
            Map<String, Machine> machines = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "products" -> readProducts(parser, machines);
                    case "terms" -> readTerms(parser, machines, observedAt, sink);
                    default -> parser.skipChildren();
                }
            }
            return machines.size();
        });
    }

    /** Each product is small: read whole, kept only if it is a machine the marketplace compares. */
    private static void readProducts(JsonParser parser, Map<String, Machine> machines) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String sku = parser.currentName();
            parser.nextToken();
            JsonNode attributes = parser.<JsonNode>readValueAsTree().path("attributes");
            if (!"Linux".equals(attributes.path("operatingSystem").asText()) || !"Shared".equals(attributes.path("tenancy").asText())
                    || !"NA".equals(attributes.path("preInstalledSw").asText()) || !"Used".equals(attributes.path("capacitystatus").asText())) {
                continue;
            }
            String instanceType = attributes.path("instanceType").asText(null);
            String region = attributes.path("regionCode").asText(null);
            if (instanceType == null || region == null) continue;
            machines.put(sku, new Machine(instanceType, region,
                    AwsPriceList.shape(instanceType, attributes.path("vcpu").asInt(0), attributes.path("gpu").asInt(0))));
        }
    }

    private static void readTerms(JsonParser parser, Map<String, Machine> machines, Instant observedAt, Consumer<Observation> sink)
            throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String kind = parser.currentName();
            parser.nextToken();
            if (!"OnDemand".equals(kind)) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Machine machine = machines.get(parser.currentName());
                parser.nextToken();
                if (machine == null) {
                    parser.skipChildren();
                    continue;
                }
                AwsPriceList.emitOnDemand(parser.readValueAsTree(), machine.region(), machine.instanceType(), machine.shape(), observedAt, sink);
            }
        }
    }
}
