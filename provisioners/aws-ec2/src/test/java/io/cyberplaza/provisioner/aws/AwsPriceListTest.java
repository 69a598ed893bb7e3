package io.cyberplaza.provisioner.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pricing.PricingClient;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** GetProducts in its documented AWS JSON 1.1 shape on WireMock: PriceList entries are JSON strings, pages follow NextToken. */
class AwsPriceListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private WireMockServer pricing;

    @BeforeEach
    void start() {
        pricing = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        pricing.start();
    }

    @AfterEach
    void stop() {
        pricing.stop();
    }

    private static String entry(String instanceType, String region, String vcpu, String gpu, String usd) {
        return """
                {"product": {"productFamily": "Compute Instance", "sku": "SKU-%s-%s",
                  "attributes": {"instanceType": "%s", "regionCode": "%s", "vcpu": "%s", "gpu": "%s", "operatingSystem": "Linux",
                                 "tenancy": "Shared", "preInstalledSw": "NA", "capacitystatus": "Used"}},
                 "serviceCode": "AmazonEC2",
                 "terms": {"OnDemand": {"SKU.JRTCKXETXF": {"priceDimensions": {"SKU.JRTCKXETXF.6YS6EN2CT7": {
                   "unit": "Hrs", "endRange": "Inf", "description": "$%s per On Demand Linux %s Instance Hour",
                   "appliesTo": [], "rateCode": "SKU.JRTCKXETXF.6YS6EN2CT7", "beginRange": "0", "pricePerUnit": {"USD": "%s"}}},
                   "sku": "SKU", "effectiveDate": "2099-11-01T00:00:00Z", "offerTermCode": "JRTCKXETXF", "termAttributes": {}}}},
                 "version": "20991101000000", "publicationDate": "2099-11-01T00:00:00Z"}"""
                .formatted(instanceType, region, instanceType, region, vcpu, gpu, usd, instanceType, usd);
    }

    private static String page(String nextToken, String... entries) {
        ObjectNode body = JSON.createObjectNode().put("FormatVersion", "aws_v1");
        ArrayNode list = body.putArray("PriceList");
        for (String entry : entries) list.add(entry);
        if (nextToken != null) body.put("NextToken", nextToken);
        return body.toString();
    }

    @Test
    void onDemandLinuxPricesAreReadAcrossPagesWithTheirVcpusAndGpus() {
        pricing.stubFor(post(urlPathEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSPriceListService.GetProducts"))
                .withRequestBody(containing("\"ServiceCode\":\"AmazonEC2\"")).withRequestBody(notContaining("NextToken"))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(page("page-2", entry("t3.micro", "us-east-1", "2", "0", "0.0104000000")))));
        pricing.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("\"NextToken\":\"page-2\""))
                .willReturn(aResponse().withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(page(null, entry("p5.48xlarge", "us-east-1", "192", "8", "98.3200000000")))));
        PricingClient client = PricingClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(pricing.baseUrl()))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        List<Observation> read = new ArrayList<>();

        new AwsPriceList(client, Clock.fixed(NOW, ZoneOffset.UTC)).read(read::add);

        assertThat(read).extracting(Observation::key, Observation::microUsd).containsExactly(
                tuple(new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "t3.micro"), 10_400L),
                tuple(new PriceKey(PriceUnit.VCPU_HOUR, "us-east", ""), 5_200L),
                tuple(new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "p5.48xlarge"), 98_320_000L),
                tuple(new PriceKey(PriceUnit.GPU_HOUR, "us-east", "h100"), 12_290_000L));
        assertThat(read).allSatisfy(o -> assertThat(o.source()).isEqualTo("aws-pricing"));
    }
}
