package io.cyberplaza.provisioner.aws;

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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** AmazonEC2's bulk offer file shape (products, then OnDemand and Reserved terms) on WireMock, two regions. */
public class AwsOfferFileTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private WireMockServer files;

    @BeforeEach
    void start() {
        files = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        files.start();
    }

    @AfterEach
    void stop() {
        files.stop();
    }

    public static String product(String sku, String type, String region, String os, int vcpu) {
        return product(sku, type, region, os, vcpu, 0);
    }

    public static String product(String sku, String type, String region, String os, int vcpu, int gpu) {
        return """
                "%s": {"sku": "%s", "productFamily": "Compute Instance", "attributes": {"servicecode": "AmazonEC2", "location": "US East (N. Virginia)",
                  "instanceType": "%s", "vcpu": "%d", "gpu": "%d", "memory": "1 GiB", "tenancy": "Shared", "operatingSystem": "%s", "licenseModel": "No License required",
                  "usagetype": "BoxUsage:%s", "preInstalledSw": "NA", "capacitystatus": "Used", "regionCode": "%s"}}"""
                .formatted(sku, sku, type, vcpu, gpu, os, type, region);
    }

    public static String onDemand(String sku, String usd) {
        return """
                "%s": {"%s.JRTCKXETXF": {"offerTermCode": "JRTCKXETXF", "sku": "%s", "effectiveDate": "2099-11-01T00:00:00Z", "termAttributes": {},
                  "priceDimensions": {"%s.JRTCKXETXF.6YS6EN2CT7": {"rateCode": "%s.JRTCKXETXF.6YS6EN2CT7", "description": "$%s per On Demand Linux hour",
                    "beginRange": "0", "endRange": "Inf", "unit": "Hrs", "pricePerUnit": {"USD": "%s"}, "appliesTo": []}}}}"""
                .formatted(sku, sku, sku, sku, sku, usd, usd);
    }

    public static String file(String products, String onDemand) {
        return """
                {"formatVersion": "v1.0", "disclaimer": "...", "offerCode": "AmazonEC2", "version": "20991101000000",
                 "publicationDate": "2099-11-01T00:00:00Z", "products": {%s},
                 "terms": {"OnDemand": {%s},
                   "Reserved": {"SKU-T3": {"SKU-T3.4NA7Y494T4": {"offerTermCode": "4NA7Y494T4", "sku": "SKU-T3",
                     "priceDimensions": {"x": {"unit": "Hrs", "pricePerUnit": {"USD": "0.0065"}}}, "termAttributes": {"LeaseContractLength": "1yr"}}}}}}"""
                .formatted(products, onDemand);
    }

    private void serve(String region, String body) {
        files.stubFor(get(urlPathEqualTo("/offers/v1.0/aws/AmazonEC2/current/" + region + "/index.json"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void onDemandLinuxMachinesOfEachRegionFileArePricedAndReservedAndWindowsAreNot() {
        serve("us-east-1", file(String.join(",", product("SKU-T3", "t3.micro", "us-east-1", "Linux", 2),
                        product("SKU-T3-WIN", "t3.micro", "us-east-1", "Windows", 2)),
                String.join(",", onDemand("SKU-T3", "0.0104000000"), onDemand("SKU-T3-WIN", "0.0196000000"))));
        serve("eu-west-1", file(product("SKU-M7I", "m7i.large", "eu-west-1", "Linux", 2), onDemand("SKU-M7I", "0.1113000000")));
        List<Observation> read = new ArrayList<>();

        new AwsOfferFile(HttpClient.newHttpClient(), URI.create(files.baseUrl()), List.of("us-east-1", "eu-west-1"),
                Clock.fixed(NOW, ZoneOffset.UTC)).read(read::add);

        assertThat(read).extracting(Observation::recordId, Observation::key, Observation::microUsd).containsExactly(
                tuple("SKU-T3.JRTCKXETXF", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "t3.micro"), 10_400L),
                tuple("SKU-T3.JRTCKXETXF", new PriceKey(PriceUnit.VCPU_HOUR, "us-east", ""), 5_200L),
                tuple("SKU-M7I.JRTCKXETXF", new PriceKey(PriceUnit.INSTANCE_HOUR, "eu-west", "m7i.large"), 111_300L),
                tuple("SKU-M7I.JRTCKXETXF", new PriceKey(PriceUnit.VCPU_HOUR, "eu-west", ""), 55_650L));
        assertThat(read).allSatisfy(o -> assertThat(o.source()).as("the same vendor list as the Query API").isEqualTo("aws-pricing"));
    }

    @Test
    void aMissingRegionFileFailsTheSource() {
        assertThatThrownBy(() -> new AwsOfferFile(HttpClient.newHttpClient(), URI.create(files.baseUrl()), List.of("ap-south-2"),
                Clock.systemUTC()).read(o -> { })).hasMessageContaining("ap-south-2");
    }
}
