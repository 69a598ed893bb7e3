package io.cyberplaza.provisioner.azure;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Azure Retail Prices API's documented page shape on WireMock, two pages long. */
public class AzureRetailPricesTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private WireMockServer prices;

    @BeforeEach
    void start() {
        prices = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        prices.start();
    }

    @AfterEach
    void stop() {
        prices.stop();
    }

    public static String item(String sku, String region, String price, String type, String product, String skuName) {
        return """
                {"currencyCode": "USD", "tierMinimumUnits": 0.0, "retailPrice": %s, "unitPrice": %s, "armRegionName": "%s",
                 "location": "US East", "effectiveStartDate": "2024-01-01T00:00:00Z", "meterId": "meter-%s-%s-%s",
                 "meterName": "%s", "productId": "DZH318Z0BQPS", "skuId": "DZH318Z0BQPS/00TG", "productName": "%s",
                 "skuName": "%s", "serviceName": "Virtual Machines", "serviceId": "DZH313Z7MMC8", "serviceFamily": "Compute",
                 "unitOfMeasure": "1 Hour", "type": "%s", "isPrimaryMeterRegion": true, "armSkuName": "%s"}"""
                .formatted(price, price, region, sku, type, skuName.replace(' ', '-'), skuName, product, skuName, type, sku);
    }

    @Test
    void linuxPayAsYouGoPricesOnDemandAndSpotAreReadAcrossPagesAndNormalisedPerVcpu() {
        String page1 = "{\"BillingCurrency\":\"USD\",\"CustomerEntityId\":\"Default\",\"CustomerEntityType\":\"Retail\",\"Items\":["
                + String.join(",", item("Standard_D2s_v5", "eastus", "0.096", "Consumption", "Virtual Machines Dsv5 Series", "D2s v5"),
                item("Standard_D2s_v5", "eastus", "0.188", "Consumption", "Virtual Machines Dsv5 Series Windows", "D2s v5"),
                item("Standard_D2s_v5", "eastus", "0.0192", "Consumption", "Virtual Machines Dsv5 Series", "D2s v5 Spot"),
                item("Standard_D2s_v5", "eastus", "505.0", "Reservation", "Virtual Machines Dsv5 Series", "D2s v5"),
                item("Standard_D2s_v5", "eastus", "0.06", "DevTestConsumption", "Virtual Machines Dsv5 Series", "D2s v5"))
                + "],\"NextPageLink\":\"" + prices.baseUrl() + "/api/retail/prices?api-version=2023-01-01-preview&$skip=100\",\"Count\":5}";
        String page2 = "{\"Items\":[" + item("Standard_ND96isr_H100_v5", "eastus", "98.32", "Consumption",
                "Virtual Machines NDsr H100 v5 Series", "ND96isr H100 v5") + "],\"NextPageLink\":null,\"Count\":1}";
        prices.stubFor(get(urlPathEqualTo("/api/retail/prices")).withQueryParam("$skip", absent())
                .withQueryParam("$filter", equalTo("serviceName eq 'Virtual Machines' and priceType eq 'Consumption'"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page1)));
        prices.stubFor(get(urlPathEqualTo("/api/retail/prices")).withQueryParam("$skip", equalTo("100"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page2)));
        List<Observation> read = new ArrayList<>();

        new AzureRetailPrices(HttpClient.newHttpClient(), URI.create(prices.baseUrl()), Clock.fixed(NOW, ZoneOffset.UTC)).read(read::add);

        assertThat(read).extracting(Observation::key, Observation::microUsd).containsExactly(
                org.assertj.core.groups.Tuple.tuple(new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "Standard_D2s_v5"), 96_000L),
                org.assertj.core.groups.Tuple.tuple(new PriceKey(PriceUnit.VCPU_HOUR, "us-east", ""), 48_000L),
                org.assertj.core.groups.Tuple.tuple(new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "Standard_D2s_v5", true), 19_200L),
                org.assertj.core.groups.Tuple.tuple(new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "", true), 9_600L),
                org.assertj.core.groups.Tuple.tuple(new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "Standard_ND96isr_H100_v5"), 98_320_000L),
                org.assertj.core.groups.Tuple.tuple(new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100"), 12_290_000L));
        assertThat(read).allSatisfy(o -> {
            assertThat(o.source()).isEqualTo("azure-retail");
            assertThat(o.currency()).isEqualTo("USD");
            assertThat(o.observedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void aPageThatIsNotThePriceListFailsTheSourceNotTheRound() {
        prices.stubFor(get(urlPathEqualTo("/api/retail/prices")).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> new AzureRetailPrices(HttpClient.newHttpClient(), URI.create(prices.baseUrl()), Clock.systemUTC())
                .read(o -> { })).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("Azure Retail Prices");
    }
}
