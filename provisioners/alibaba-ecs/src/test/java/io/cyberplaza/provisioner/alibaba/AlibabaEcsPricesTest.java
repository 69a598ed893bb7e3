package io.cyberplaza.provisioner.alibaba;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** ECS DescribePrice in its documented shape on WireMock, through the SDK's common request. */
class AlibabaEcsPricesTest {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private WireMockServer ecs;

    @BeforeEach
    void start() {
        ecs = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ecs.start();
    }

    @AfterEach
    void stop() {
        ecs.stop();
    }

    private static String price(String currency, String total, String instance) {
        return """
                {"RequestId": "req", "PriceInfo": {"Rules": {"Rule": []}, "Price": {"OriginalPrice": %s, "DiscountPrice": 0.0,
                  "TradePrice": %s, "Currency": "%s", "DetailInfos": {"ResourcePriceModel": [
                    {"Resource": "instanceType", "OriginalPrice": %s, "DiscountPrice": 0.0, "TradePrice": %s},
                    {"Resource": "systemDisk", "OriginalPrice": 0.0095, "DiscountPrice": 0.0, "TradePrice": 0.0095}]}}}}"""
                .formatted(total, total, currency, instance, instance);
    }

    private AlibabaEcsPrices source(List<String> regions, List<String> types) {
        return new AlibabaEcsPrices("test-access-key", "test-secret", "127.0.0.1:" + ecs.port(), regions, types, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void theInstancesOwnHourlyPriceIsReadExactlyAndTypesARegionDoesNotSellAreSkipped() {
        ecs.stubFor(post(urlPathEqualTo("/")).withQueryParam("Action", equalTo("DescribePrice"))
                .withQueryParam("InstanceType", equalTo("ecs.g7.large")).withQueryParam("PriceUnit", equalTo("Hour"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(price("USD", "0.1211", "0.1116"))));
        ecs.stubFor(post(urlPathEqualTo("/")).withQueryParam("Action", equalTo("DescribePrice"))
                .withQueryParam("InstanceType", equalTo("ecs.g7.xlarge")).willReturn(aResponse().withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"RequestId\":\"req\",\"Code\":\"InvalidInstanceType.NotFound\",\"Message\":\"not sold here\"}")));
        List<Observation> read = new ArrayList<>();

        source(List.of("ap-southeast-1"), List.of("ecs.g7.large", "ecs.g7.xlarge")).read(read::add);

        assertThat(read).extracting(Observation::key, Observation::microUsd, Observation::currency).containsExactly(
                tuple(new PriceKey(PriceUnit.INSTANCE_HOUR, "ap-southeast", "ecs.g7.large"), 111_600L, "USD"),
                tuple(new PriceKey(PriceUnit.VCPU_HOUR, "ap-southeast", ""), 55_800L, "USD"));
    }

    @Test
    void throttlingFailsTheSourceForTheRound() {
        ecs.stubFor(post(urlPathEqualTo("/")).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"RequestId\":\"req\",\"Code\":\"Throttling.User\",\"Message\":\"slow down\"}")));

        assertThatThrownBy(() -> source(List.of("cn-hangzhou"), List.of("ecs.g7.large")).read(o -> { }))
                .hasMessageContaining("Throttling.User");
    }
}
