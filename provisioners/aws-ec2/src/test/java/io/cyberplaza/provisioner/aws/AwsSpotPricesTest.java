package io.cyberplaza.provisioner.aws;

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
import software.amazon.awssdk.services.ec2.Ec2Client;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** EC2's DescribeSpotPriceHistory in its documented query-protocol XML on WireMock, two pages long. */
class AwsSpotPricesTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private WireMockServer ec2;

    @BeforeEach
    void start() {
        ec2 = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ec2.start();
    }

    @AfterEach
    void stop() {
        ec2.stop();
    }

    private static String item(String type, String zone, String price, String at) {
        return "<item><instanceType>%s</instanceType><productDescription>Linux/UNIX</productDescription><spotPrice>%s</spotPrice>"
                .formatted(type, price) + "<timestamp>%s</timestamp><availabilityZone>%s</availabilityZone></item>".formatted(at, zone);
    }

    private static String page(String next, String... items) {
        return "<DescribeSpotPriceHistoryResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
                + "<spotPriceHistorySet>" + String.join("", items) + "</spotPriceHistorySet><nextToken>" + next + "</nextToken>"
                + "</DescribeSpotPriceHistoryResponse>";
    }

    @Test
    void theNewestPricePerZoneAndTypeIsTheSpotPriceNowAcrossPages() {
        ec2.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("Action=DescribeSpotPriceHistory"))
                .withRequestBody(notContaining("NextToken")).withRequestBody(containing("Filter.1.Value.1=Linux%2FUNIX"))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(page("page-2",
                        item("t3.micro", "us-east-1a", "0.003300", "2099-11-24T09:30:00.000Z"),
                        item("t3.micro", "us-east-1a", "0.003100", "2099-11-20T02:00:00.000Z")))));
        ec2.stubFor(post(urlPathEqualTo("/")).withRequestBody(containing("NextToken=page-2"))
                .willReturn(aResponse().withHeader("Content-Type", "text/xml").withBody(page("",
                        item("t3.micro", "us-east-1b", "0.003500", "2099-11-24T08:00:00.000Z"),
                        item("m7i.large", "us-east-1a", "0.041000", "2099-11-23T12:00:00.000Z")))));
        List<Observation> read = new ArrayList<>();
        try (Ec2Client client = Ec2Client.builder().endpointOverride(URI.create(ec2.baseUrl())).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
            new AwsSpotPrices(List.of(client), List.of("t3.micro", "m7i.large"), Clock.fixed(NOW, ZoneOffset.UTC)).read(read::add);
        }

        PriceKey spotVcpu = new PriceKey(PriceUnit.VCPU_HOUR, "us-east", "", true);
        assertThat(read).extracting(Observation::recordId, Observation::key, Observation::microUsd).containsExactly(
                tuple("us-east-1a/m7i.large", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "m7i.large", true), 41_000L),
                tuple("us-east-1a/m7i.large", spotVcpu, 20_500L),
                tuple("us-east-1a/t3.micro", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "t3.micro", true), 3_300L),
                tuple("us-east-1a/t3.micro", spotVcpu, 1_650L),
                tuple("us-east-1b/t3.micro", new PriceKey(PriceUnit.INSTANCE_HOUR, "us-east", "t3.micro", true), 3_500L),
                tuple("us-east-1b/t3.micro", spotVcpu, 1_750L));
        assertThat(read).allSatisfy(o -> {
            assertThat(o.source()).isEqualTo("aws-spot");
            assertThat(o.observedAt()).as("the price in effect now, whenever it was set").isEqualTo(NOW);
        });
    }
}
