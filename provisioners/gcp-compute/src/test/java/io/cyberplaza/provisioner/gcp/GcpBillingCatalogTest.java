package io.cyberplaza.provisioner.gcp;

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
import static org.assertj.core.groups.Tuple.tuple;

/** The Cloud Billing Catalog's documented SKU shape on WireMock, two pages long. */
public class GcpBillingCatalogTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final String PATH = "/v1/services/" + GcpBillingCatalog.COMPUTE_SERVICE + "/skus";
    private WireMockServer catalog;

    @BeforeEach
    void start() {
        catalog = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        catalog.start();
    }

    @AfterEach
    void stop() {
        catalog.stop();
    }

    public static String sku(String id, String description, String group, String usageType, String regions, String units, long nanos) {
        return sku(id, description, group, usageType, regions, units, nanos, "h");
    }

    public static String sku(String id, String description, String group, String usageType, String regions, String units, long nanos,
                              String usageUnit) {
        return """
                {"name": "services/6F81-5844-456A/skus/%s", "skuId": "%s", "description": "%s",
                 "category": {"serviceDisplayName": "Compute Engine", "resourceFamily": "Compute", "resourceGroup": "%s", "usageType": "%s"},
                 "serviceRegions": [%s],
                 "pricingInfo": [{"summary": "", "effectiveTime": "2099-11-01T00:00:00Z", "currencyConversionRate": 1,
                   "pricingExpression": {"usageUnit": "%s", "usageUnitDescription": "hour", "baseUnit": "s", "baseUnitDescription": "second",
                     "baseUnitConversionFactor": 3600, "displayQuantity": 1,
                     "tieredRates": [{"startUsageAmount": 0, "unitPrice": {"currencyCode": "USD", "units": "%s", "nanos": %d}}]}}],
                 "serviceProviderName": "Google"}""".formatted(id, id, description, group, usageType, regions, usageUnit, units, nanos);
    }

    @Test
    void machinesAreAssembledFromTheirFamilysCoreAndRamSkusOnDemandAndSpotAndGpusArePerGpuHour() {
        String page1 = "{\"skus\":[" + String.join(",",
                sku("CORE-N2", "N2 Instance Core running in Americas", "N2Standard", "OnDemand", "\"us-east1\", \"us-west1\"", "0", 31_611_000),
                sku("CORE-N2-PRE", "Spot Preemptible N2 Instance Core running in Americas", "N2Standard", "Preemptible", "\"us-east1\"", "0", 7_000_000),
                sku("CORE-N2-SOLE", "N2 Sole Tenancy Instance Core running in Americas", "N2Standard", "OnDemand", "\"us-east1\"", "0", 34_000_000),
                sku("CORE-N2-COMMIT", "Commitment v1: N2 Cpu in Americas for 1 Year", "CPU", "Commit1Yr", "\"us-east1\"", "0", 19_915_000))
                + "],\"nextPageToken\":\"page-2\"}";
        String page2 = "{\"skus\":[" + String.join(",",
                sku("RAM-N2", "N2 Instance Ram running in Americas", "N2Standard", "OnDemand", "\"us-east1\"", "0", 4_237_000, "GiBy.h"),
                sku("RAM-N2-PRE", "Spot Preemptible N2 Instance Ram running in Americas", "N2Standard", "Preemptible", "\"us-east1\"", "0", 1_000_000, "GiBy.h"),
                sku("GPU-H100", "Nvidia H100 80GB GPU running in Americas", "GPU", "OnDemand", "\"us-east4\"", "11", 60_000_000))
                + "],\"nextPageToken\":\"\"}";
        catalog.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("pageToken", absent()).withQueryParam("key", equalTo("test-key"))
                .withQueryParam("currencyCode", equalTo("USD")).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page1)));
        catalog.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("pageToken", equalTo("page-2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page2)));
        List<Observation> read = new ArrayList<>();

        new GcpBillingCatalog(HttpClient.newHttpClient(), URI.create(catalog.baseUrl()), "test-key", Clock.fixed(NOW, ZoneOffset.UTC)).read(read::add);

        PriceKey vcpu = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "");
        PriceKey spotVcpu = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "", true);
        // n2-standard-2 = 2 x 0.031611 + 8 GiB x 0.004237 = 0.097118 an hour; every size is the same per vCPU.
        assertThat(read).extracting(Observation::recordId, Observation::key, Observation::microUsd).containsExactly(
                tuple("GPU-H100", new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100"), 11_060_000L),
                tuple("CORE-N2+RAM-N2", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "n2-standard-2"), 97_118L),
                tuple("CORE-N2+RAM-N2", vcpu, 48_559L),
                tuple("CORE-N2+RAM-N2", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "n2-standard-4"), 194_236L),
                tuple("CORE-N2+RAM-N2", vcpu, 48_559L),
                tuple("CORE-N2+RAM-N2", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "n2-standard-8"), 388_472L),
                tuple("CORE-N2+RAM-N2", vcpu, 48_559L),
                tuple("CORE-N2-PRE+RAM-N2-PRE", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "n2-standard-2", true), 22_000L),
                tuple("CORE-N2-PRE+RAM-N2-PRE", spotVcpu, 11_000L),
                tuple("CORE-N2-PRE+RAM-N2-PRE", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "n2-standard-4", true), 44_000L),
                tuple("CORE-N2-PRE+RAM-N2-PRE", spotVcpu, 11_000L),
                tuple("CORE-N2-PRE+RAM-N2-PRE", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "n2-standard-8", true), 88_000L),
                tuple("CORE-N2-PRE+RAM-N2-PRE", spotVcpu, 11_000L));
        assertThat(read).as("a core without its RAM in a region is no machine").noneMatch(o -> o.key().region().equals("us-west"));
        assertThat(read).allSatisfy(o -> assertThat(o.source()).isEqualTo("gcp-catalog"));
    }

    @Test
    void aFreeRamSkuIsReportedNotTurnedIntoACheapMachine() {
        String page = "{\"skus\":[" + String.join(",",
                sku("CORE-N2", "N2 Instance Core running in Americas", "N2Standard", "OnDemand", "\"us-east1\"", "0", 31_611_000),
                sku("RAM-N2", "N2 Instance Ram running in Americas", "N2Standard", "OnDemand", "\"us-east1\"", "0", 0, "GiBy.h"))
                + "],\"nextPageToken\":\"\"}";
        catalog.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page)));
        List<Observation> read = new ArrayList<>();

        new GcpBillingCatalog(HttpClient.newHttpClient(), URI.create(catalog.baseUrl()), "test-key", Clock.fixed(NOW, ZoneOffset.UTC)).read(read::add);

        assertThat(read).isNotEmpty().allSatisfy(o -> assertThat(o.microUsd()).isZero());
    }
}
