package io.cyberplaza.runtime.pricing;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cyberplaza.core.fakes.InMemoryPriceRepository;
import io.cyberplaza.core.fakes.InMemoryPricingRounds;
import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import io.cyberplaza.core.pricing.PricingOracle;
import io.cyberplaza.core.pricing.Rejection;
import io.cyberplaza.provisioner.aws.AwsOfferFile;
import io.cyberplaza.provisioner.aws.AwsOfferFileTest;
import io.cyberplaza.provisioner.azure.AzureRetailPrices;
import io.cyberplaza.provisioner.azure.AzureRetailPricesTest;
import io.cyberplaza.provisioner.gcp.GcpBillingCatalog;
import io.cyberplaza.provisioner.gcp.GcpBillingCatalogTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One pricing round over three vendors' lists served in their recorded shapes (AWS's offer files,
 * Azure's Retail Prices pages, GCP's catalog pages), with bad records injected into each and Azure
 * priced far above the others in Western Europe. What the round publishes is checked against medians
 * computed here, independently, from the good records alone; every bad record must be reported.
 */
class RecordedPricesRoundTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private WireMockServer vendors;

    /** A good record as the vendor lists it: what one machine (or one GPU) costs an hour, and what it holds. */
    private record Good(String source, String regionClass, String model, String hourlyUsd, int vcpus, String gpuModel, int gpus) {
    }

    private static final List<Good> GOOD = List.of(
            new Good("aws-pricing", "us-east", "t3.micro", "0.0104", 2, "", 0),
            new Good("aws-pricing", "us-east", "m7i.large", "0.1008", 2, "", 0),
            new Good("aws-pricing", "us-east", "m7i.xlarge", "0.2016", 4, "", 0),
            new Good("aws-pricing", "us-east", "c7i.2xlarge", "0.357", 8, "", 0),
            new Good("aws-pricing", "us-east", "p5.48xlarge", "98.32", 192, "h100", 8),
            new Good("aws-pricing", "eu-west", "m7i.large", "0.1113", 2, "", 0),
            new Good("aws-pricing", "eu-west", "c7i.2xlarge", "0.3948", 8, "", 0),
            new Good("azure-retail", "us-east", "Standard_D2s_v5", "0.096", 2, "", 0),
            new Good("azure-retail", "us-east", "Standard_D4s_v5", "0.192", 4, "", 0),
            new Good("azure-retail", "us-east", "Standard_ND96isr_H100_v5", "98.32", 96, "h100", 8),
            // The outlier: Azure's Western Europe at half as much again as everyone else.
            new Good("azure-retail", "eu-west", "Standard_D2s_v5", "0.16", 2, "", 0),
            new Good("azure-retail", "eu-west", "Standard_D4s_v5", "0.32", 4, "", 0),
            // GCP: n2 machines are cores x 0.031611 + GiB x 0.004237 (us-east1), x 0.034773 + x 0.004661 (europe-west1).
            new Good("gcp-catalog", "us-east", "n2-standard-2", gcp("0.031611", "0.004237", 2), 2, "", 0),
            new Good("gcp-catalog", "us-east", "n2-standard-4", gcp("0.031611", "0.004237", 4), 4, "", 0),
            new Good("gcp-catalog", "us-east", "n2-standard-8", gcp("0.031611", "0.004237", 8), 8, "", 0),
            new Good("gcp-catalog", "eu-west", "n2-standard-2", gcp("0.034773", "0.004661", 2), 2, "", 0),
            new Good("gcp-catalog", "eu-west", "n2-standard-4", gcp("0.034773", "0.004661", 4), 4, "", 0),
            new Good("gcp-catalog", "eu-west", "n2-standard-8", gcp("0.034773", "0.004661", 8), 8, "", 0),
            new Good("gcp-catalog", "us-east", null, "11.2", 0, "h100", 1));

    private static String gcp(String core, String ram, int vcpus) {
        return new BigDecimal(core).multiply(BigDecimal.valueOf(vcpus)).add(new BigDecimal(ram).multiply(BigDecimal.valueOf(vcpus * 4L)))
                .toPlainString();
    }

    @BeforeEach
    void start() {
        vendors = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        vendors.start();
    }

    @AfterEach
    void stop() {
        vendors.stop();
    }

    private void serveAws() {
        String usEast = AwsOfferFileTest.file(String.join(",",
                        AwsOfferFileTest.product("T3", "t3.micro", "us-east-1", "Linux", 2),
                        AwsOfferFileTest.product("M7IL", "m7i.large", "us-east-1", "Linux", 2),
                        AwsOfferFileTest.product("M7IX", "m7i.xlarge", "us-east-1", "Linux", 4),
                        AwsOfferFileTest.product("C7I", "c7i.2xlarge", "us-east-1", "Linux", 8),
                        AwsOfferFileTest.product("P5", "p5.48xlarge", "us-east-1", "Linux", 192, 8),
                        AwsOfferFileTest.product("BAD-ZERO", "m7i.large", "us-east-2", "Linux", 2),
                        AwsOfferFileTest.product("BAD-CNY", "m7i.xlarge", "us-east-2", "Linux", 4)),
                String.join(",", AwsOfferFileTest.onDemand("T3", "0.0104000000"), AwsOfferFileTest.onDemand("M7IL", "0.1008000000"),
                        AwsOfferFileTest.onDemand("M7IX", "0.2016000000"), AwsOfferFileTest.onDemand("C7I", "0.3570000000"),
                        AwsOfferFileTest.onDemand("P5", "98.3200000000"), AwsOfferFileTest.onDemand("BAD-ZERO", "0.0000000000"),
                        AwsOfferFileTest.onDemand("BAD-CNY", "0.2016000000").replace("\"USD\"", "\"CNY\"")));
        String euWest = AwsOfferFileTest.file(String.join(",", AwsOfferFileTest.product("M7IL-EU", "m7i.large", "eu-west-1", "Linux", 2),
                        AwsOfferFileTest.product("C7I-EU", "c7i.2xlarge", "eu-west-1", "Linux", 8)),
                String.join(",", AwsOfferFileTest.onDemand("M7IL-EU", "0.1113000000"), AwsOfferFileTest.onDemand("C7I-EU", "0.3948000000")));
        for (var file : Map.of("us-east-1", usEast, "eu-west-1", euWest).entrySet()) {
            vendors.stubFor(get(urlPathEqualTo("/offers/v1.0/aws/AmazonEC2/current/" + file.getKey() + "/index.json"))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(file.getValue())));
        }
    }

    private void serveAzure() {
        String product = "Virtual Machines Dsv5 Series";
        String page1 = "{\"Items\":[" + String.join(",",
                AzureRetailPricesTest.item("Standard_D2s_v5", "eastus", "0.096", "Consumption", product, "D2s v5"),
                AzureRetailPricesTest.item("Standard_D4s_v5", "eastus", "0.192", "Consumption", product, "D4s v5"),
                AzureRetailPricesTest.item("Standard_D8s_v5", "eastus", "null", "Consumption", product, "D8s v5"),
                AzureRetailPricesTest.item("Standard_D2s_v5", "westeurope", "0.16", "Consumption", product, "D2s v5"))
                + "],\"NextPageLink\":\"" + vendors.baseUrl() + "/api/retail/prices?$skip=100\"}";
        String page2 = "{\"Items\":[" + String.join(",",
                AzureRetailPricesTest.item("Standard_D4s_v5", "westeurope", "0.32", "Consumption", product, "D4s v5"),
                AzureRetailPricesTest.item("Standard_ND96isr_H100_v5", "eastus", "98.32", "Consumption", "Virtual Machines NDsr H100 v5 Series",
                        "ND96isr H100 v5"),
                AzureRetailPricesTest.item("Standard_ND96isr_H100_v5", "eastus2", "0.01", "Consumption", "Virtual Machines NDsr H100 v5 Series",
                        "ND96isr H100 v5 Promo"))
                + "],\"NextPageLink\":null}";
        vendors.stubFor(get(urlPathEqualTo("/api/retail/prices")).withQueryParam("$skip", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page1)));
        vendors.stubFor(get(urlPathEqualTo("/api/retail/prices")).withQueryParam("$skip", equalTo("100"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page2)));
    }

    private void serveGcp() {
        String path = "/v1/services/" + GcpBillingCatalog.COMPUTE_SERVICE + "/skus";
        String page1 = "{\"skus\":[" + String.join(",",
                GcpBillingCatalogTest.sku("CORE-US", "N2 Instance Core running in Americas", "N2Standard", "OnDemand", "\"us-east1\"", "0", 31_611_000),
                GcpBillingCatalogTest.sku("CORE-EU", "N2 Instance Core running in EMEA", "N2Standard", "OnDemand", "\"europe-west1\"", "0", 34_773_000),
                GcpBillingCatalogTest.sku("GPU-H100", "Nvidia H100 80GB GPU running in Americas", "GPU", "OnDemand", "\"us-east4\"", "11", 200_000_000))
                + "],\"nextPageToken\":\"p2\"}";
        String page2 = "{\"skus\":[" + String.join(",",
                GcpBillingCatalogTest.sku("RAM-US", "N2 Instance Ram running in Americas", "N2Standard", "OnDemand", "\"us-east1\"", "0", 4_237_000, "GiBy.h"),
                GcpBillingCatalogTest.sku("RAM-EU", "N2 Instance Ram running in EMEA", "N2Standard", "OnDemand", "\"europe-west1\"", "0", 4_661_000, "GiBy.h"),
                GcpBillingCatalogTest.sku("BAD-A100", "Nvidia Tesla A100 GPU running in Americas", "GPU", "OnDemand", "\"us-east1\"", "-2", -500_000_000))
                + "],\"nextPageToken\":\"\"}";
        vendors.stubFor(get(urlPathEqualTo(path)).withQueryParam("pageToken", absent())
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page1)));
        vendors.stubFor(get(urlPathEqualTo(path)).withQueryParam("pageToken", equalTo("p2"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page2)));
    }

    @Test
    void publishedPricesAreTheMediansOfTheGoodSourcesAndEveryBadRecordIsReported() {
        serveAws();
        serveAzure();
        serveGcp();
        HttpClient http = HttpClient.newHttpClient();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        URI base = URI.create(vendors.baseUrl());
        InMemoryPriceRepository prices = new InMemoryPriceRepository();
        PricingOracle oracle = new PricingOracle(List.of(new AwsOfferFile(http, base, List.of("us-east-1", "eu-west-1"), clock),
                new AzureRetailPrices(http, base, clock), new GcpBillingCatalog(http, base, "key", clock)), null,
                new PriceAggregator(PriceAggregator.Settings.defaults()), prices, new InMemoryPricingRounds(), null, clock);

        PricingOracle.Report report = oracle.run();

        Map<PriceKey, Long> expected = independentMedians();
        Map<PriceKey, Long> published = new HashMap<>();
        prices.current(expected.keySet()).forEach((key, price) -> published.put(key, price.microUsd()));
        assertThat(published).isEqualTo(expected);
        assertThat(report.pricesPublished()).as("and nothing else").isEqualTo(expected.size());
        // The figures the medians come to, for a reader: us-east vCPU 48,000 (AWS 44,625, Azure 48,000, GCP 48,559);
        // eu-west vCPU 49,350 with Azure's 80,000 out; H100 12,290,000 (AWS and Azure 12,290,000, GCP 11,200,000).
        assertThat(expected).containsEntry(new PriceKey(PriceUnit.VCPU_HOUR, "us-east", ""), 48_000L)
                .containsEntry(new PriceKey(PriceUnit.VCPU_HOUR, "eu-west", ""), 49_350L)
                .containsEntry(new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100"), 12_290_000L);

        Set<String> reported = report.rejections().stream()
                .map(r -> r.source() + " " + r.recordId() + " " + r.reason()).collect(Collectors.toSet());
        assertThat(reported).contains(
                "aws-pricing BAD-ZERO.JRTCKXETXF ZERO",
                "aws-pricing BAD-CNY.JRTCKXETXF WRONG_CURRENCY",
                "azure-retail meter-Standard_D8s_v5-Consumption-D8s-v5 MISSING",
                "azure-retail meter-Standard_ND96isr_H100_v5-Consumption-ND96isr-H100-v5-Promo ABSURD",
                "gcp-catalog BAD-A100 NEGATIVE",
                "azure-retail null OUTLIER");
        assertThat(report.rejections()).filteredOn(r -> r.reason() == Rejection.Reason.OUTLIER).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(new PriceKey(PriceUnit.VCPU_HOUR, "eu-west", "")));
        assertThat(report.rejections()).as("nothing good was rejected")
                .noneMatch(r -> r.recordId() != null && !r.recordId().contains("BAD") && !r.recordId().contains("D8s")
                        && !r.recordId().contains("Promo"));
    }

    /**
     * The round's rule, computed here from the good records only: a machine is a price of its own and,
     * divided by its GPUs or else its vCPUs (each rounded down to micro-USD), a price per unit of its
     * region; a source counts at the lower median of its records; sources more than 10 % from the lower
     * median of the sources are left out; at least two remain for a cross-vendor unit, one for a machine.
     */
    private static Map<PriceKey, Long> independentMedians() {
        Map<PriceKey, Map<String, List<Long>>> records = new HashMap<>();
        for (Good good : GOOD) {
            long hourly = new BigDecimal(good.hourlyUsd()).movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
            if (good.model() != null) {
                add(records, new PriceKey(PriceUnit.INSTANCE_HOUR, good.regionClass(), good.model()), good.source(), hourly);
            }
            PriceKey unitKey = good.gpus() > 0 ? new PriceKey(PriceUnit.GPU_HOUR, good.regionClass(), good.gpuModel())
                    : new PriceKey(PriceUnit.VCPU_HOUR, good.regionClass(), "");
            add(records, unitKey, good.source(), good.gpus() > 0 ? hourly / good.gpus() : hourly / good.vcpus());
        }
        Map<PriceKey, Long> medians = new HashMap<>();
        records.forEach((key, bySource) -> {
            List<Long> sourcePrices = bySource.values().stream().map(RecordedPricesRoundTest::lowerMedian).toList();
            long middle = lowerMedian(sourcePrices);
            List<Long> agreeing = sourcePrices.stream()
                    .filter(p -> BigDecimal.valueOf(Math.abs(p - middle)).compareTo(BigDecimal.valueOf(middle).multiply(new BigDecimal("0.10"))) <= 0)
                    .toList();
            if (agreeing.size() >= (key.unit() == PriceUnit.INSTANCE_HOUR ? 1 : 2)) medians.put(key, lowerMedian(agreeing));
        });
        return medians;
    }

    private static void add(Map<PriceKey, Map<String, List<Long>>> records, PriceKey key, String source, long price) {
        records.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(source, s -> new ArrayList<>()).add(price);
    }

    private static long lowerMedian(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
