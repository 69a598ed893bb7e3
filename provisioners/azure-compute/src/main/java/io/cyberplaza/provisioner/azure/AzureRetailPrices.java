package io.cyberplaza.provisioner.azure;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.vendor.JsonDownloads;
import io.cyberplaza.vendor.MachinePrices;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The Azure Retail Prices API: Linux pay-as-you-go VM prices ({@code type} Consumption; Reservation
 * and DevTestConsumption are other prices, Windows lines include the licence), on demand and spot
 * (a {@code skuName} ending in " Spot"), followed page by page through {@code NextPageLink}. Pages are read as a stream of tokens, never held whole.
 */
public final class AzureRetailPrices implements PriceSource {
    public static final String NAME = "azure-retail";
    private static final String FILTER = "serviceName eq 'Virtual Machines' and priceType eq 'Consumption'";

    private final HttpClient http;
    private final URI endpoint;
    private final Clock clock;

    /** @param endpoint {@code https://prices.azure.com} (a WireMock server in tests) */
    public AzureRetailPrices(HttpClient http, URI endpoint, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void read(Consumer<Observation> sink) {
        Instant observedAt = clock.instant();
        String next = endpoint + "/api/retail/prices?api-version=2023-01-01-preview&$filter="
                + URLEncoder.encode(FILTER, StandardCharsets.UTF_8).replace("+", "%20");
        while (next != null) {
            next = readPage(URI.create(next), observedAt, sink);
        }
    }

    private String readPage(URI page, Instant observedAt, Consumer<Observation> sink) {
        return JsonDownloads.get(http, page, Duration.ofSeconds(60), "the Azure Retail Prices API", parser -> {
            String next = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "Items" -> readItems(parser, observedAt, sink);
                    case "NextPageLink" -> next = parser.currentToken() == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    default -> parser.skipChildren();
                }
            }
            return next == null || next.isBlank() ? null : next;
        });
    }

    private static void readItems(JsonParser parser, Instant observedAt, Consumer<Observation> sink) throws IOException {
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            String currency = null, type = null, sku = null, region = null, product = null, skuName = null, unit = null, meterId = null;
            BigDecimal price = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                switch (field) {
                    case "currencyCode" -> currency = parser.getValueAsString();
                    case "retailPrice" -> price = value.isNumeric() ? parser.getDecimalValue() : null;
                    case "type" -> type = parser.getValueAsString();
                    case "armSkuName" -> sku = parser.getValueAsString();
                    case "armRegionName" -> region = parser.getValueAsString();
                    case "productName" -> product = parser.getValueAsString();
                    case "skuName" -> skuName = parser.getValueAsString();
                    case "unitOfMeasure" -> unit = parser.getValueAsString();
                    case "meterId" -> meterId = parser.getValueAsString();
                    default -> { }
                }
            }
            // Pay-as-you-go Linux only: Reservation and DevTestConsumption are other prices, Windows lines carry the licence.
            boolean linuxPayAsYouGo = "Consumption".equals(type) && product != null && !product.contains("Windows")
                    && skuName != null && !skuName.contains("Low Priority") && "1 Hour".equals(unit);
            if (linuxPayAsYouGo && sku != null && region != null) {
                MachinePrices.emit(NAME, meterId, region, sku, Canonical.shape(sku), price, currency, skuName.endsWith(" Spot"), observedAt, sink);
            }
        }
    }
}
