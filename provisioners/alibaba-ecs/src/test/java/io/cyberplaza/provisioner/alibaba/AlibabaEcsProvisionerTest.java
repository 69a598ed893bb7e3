package io.cyberplaza.provisioner.alibaba;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.MachineSpec;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.provisioner.resilience.OneKey;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ECS adapter, through Alibaba Cloud's own SDK, against WireMock serving ECS's documented RPC
 * answers: RunInstances with ClientToken, DescribeInstances by tag and id (NextToken paging),
 * DeleteInstances, and the error codes for throttling, sold-out zones and unavailable service.
 */
class AlibabaEcsProvisionerTest {
    private static final String ORDER = "0x" + "cd".repeat(32);
    private static final String KEY = "order-" + "cd".repeat(16);
    private static final String IMAGE = "ubuntu_24_04_x64_20G_alibase_20240812.vhd";

    private WireMockServer ecs;
    private AlibabaEcsProvisioner alibaba;

    @BeforeEach
    void start() {
        ecs = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        ecs.start();
        alibaba = new AlibabaEcsProvisioner(new EcsSettings("test", "test-access-key", "test-secret", List.of("cn-hangzhou"),
                Map.of("cn-hangzhou-h", "vsw-h", "cn-hangzhou-i", "vsw-i"), Map.of("cn-hangzhou", "sg-compute"), "127.0.0.1:" + ecs.port()));
    }

    @AfterEach
    void stop() {
        ecs.stop();
    }

    private static MappingBuilder action(String action) {
        return post(urlPathEqualTo("/")).withQueryParam("Action", equalTo(action));
    }

    private static String instance(String id, String zone, String status, String env) {
        return """
                {"InstanceId": "%s", "RegionId": "cn-hangzhou", "ZoneId": "%s", "Status": "%s", "CreationTime": "2026-11-24T10:00Z",
                 "InstanceType": "ecs.g7.large", "Tags": {"Tag": [{"TagKey": "cyberplaza:order", "TagValue": "%s"},
                 {"TagKey": "cyberplaza:env", "TagValue": "%s"}]}}""".formatted(id, zone, status, ORDER, env);
    }

    private static String instances(String nextToken, String... items) {
        return "{\"RequestId\":\"req\",\"TotalCount\":" + items.length + ",\"NextToken\":\"" + nextToken + "\",\"Instances\":{\"Instance\":["
                + String.join(",", items) + "]}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String error(String code) {
        return "{\"RequestId\":\"req\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"" + code + "\",\"Message\":\"" + code + "\"}";
    }

    /** ECS as it behaves: the instance appears under its launch tag once RunInstances was accepted. */
    private void launchable(String key, String instanceId, String zone) {
        ecs.stubFor(action("DescribeInstances").withQueryParam("Tag.1.Value", equalTo(key)).inScenario(key)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(json(200, instances(""))));
        ecs.stubFor(action("RunInstances").withQueryParam("ClientToken", equalTo(key)).withQueryParam("ZoneId", equalTo(zone))
                .inScenario(key).willSetStateTo("launched")
                .willReturn(json(200, "{\"RequestId\":\"req\",\"InstanceIdSets\":{\"InstanceIdSet\":[\"" + instanceId + "\"]}}")));
        ecs.stubFor(action("DescribeInstances").withQueryParam("Tag.1.Value", equalTo(key)).inScenario(key)
                .whenScenarioStateIs("launched").willReturn(json(200, instances("", instance(instanceId, zone, "Running", "test")))));
        ecs.stubFor(action("DescribeInstances").withQueryParam("InstanceIds", equalTo("[\"" + instanceId + "\"]"))
                .willReturn(json(200, instances("", instance(instanceId, zone, "Pending", "test")))));
    }

    private static LaunchRequest request(String... zones) {
        return new LaunchRequest(ORDER, "ecs-g7-large", IMAGE, Map.of(), 1, Duration.ofHours(1),
                Map.of("cyberplaza:order", ORDER, "cyberplaza:env", "test"), new MachineSpec("ecs.g7.large", false, List.of(zones)), null);
    }

    private int runs() {
        return ecs.findAll(postRequestedFor(urlPathEqualTo("/")).withQueryParam("Action", equalTo("RunInstances"))).size();
    }

    @Test
    void aLaunchCarriesItsClientTokenTagsZoneAndNetworkAndIsFoundAgainByItsTag() {
        launchable(KEY, "i-bp1launched", "cn-hangzhou-h");

        Resource launched = alibaba.launch(request("cn-hangzhou-h").at("cn-hangzhou-h"), KEY);
        Resource again = alibaba.launch(request("cn-hangzhou-h").at("cn-hangzhou-h"), KEY);

        assertThat(launched.resourceId()).isEqualTo("cn-hangzhou/i-bp1launched");
        assertThat(launched.orderId()).isEqualTo(ORDER);
        assertThat(again.resourceId()).isEqualTo(launched.resourceId());
        assertThat(runs()).isEqualTo(1);
        ecs.verify(postRequestedFor(urlPathEqualTo("/")).withQueryParam("Action", equalTo("RunInstances"))
                .withQueryParam("ClientToken", equalTo(KEY)).withQueryParam("RegionId", equalTo("cn-hangzhou"))
                .withQueryParam("InstanceType", equalTo("ecs.g7.large")).withQueryParam("ImageId", equalTo(IMAGE))
                .withQueryParam("VSwitchId", equalTo("vsw-h")).withQueryParam("SecurityGroupId", equalTo("sg-compute"))
                .withQueryParam("InstanceChargeType", equalTo("PostPaid")).withQueryParam("SpotStrategy", absent())
                .withQueryParam("Signature", com.github.tomakehurst.wiremock.client.WireMock.matching(".+")));
    }

    @Test
    void throttlingAndAnUnavailableServiceAreRetriedWithOneInstance() {
        launchable(KEY, "i-bp1retried", "cn-hangzhou-h");
        ecs.stubFor(action("RunInstances").inScenario("faults").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("unavailable")
                .atPriority(1).willReturn(json(400, error("Throttling.User"))));
        ecs.stubFor(action("RunInstances").inScenario("faults").whenScenarioStateIs("unavailable").willSetStateTo("calm")
                .atPriority(1).willReturn(json(503, error("ServiceUnavailable"))));
        assertThatThrownBy(() -> alibaba.launch(request("cn-hangzhou-h").at("cn-hangzhou-h"), KEY))
                .isInstanceOfSatisfying(ProvisionException.class, e -> assertThat(e.reason()).isEqualTo(ProvisionException.Reason.THROTTLED));
        ResilientProvisioner resilient = new ResilientProvisioner(new OneKey(alibaba, KEY),
                AlibabaEcsVendor.POLICY.withTiming(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)));

        Resource launched = resilient.launch(request("cn-hangzhou-h"), KEY);

        assertThat(launched.resourceId()).isEqualTo("cn-hangzhou/i-bp1retried");
        assertThat(runs()).isEqualTo(3);
    }

    @Test
    void aSoldOutZoneMovesTheLaunchToTheNext() {
        String keyH = ResilientProvisioner.locationKey(KEY, "cn-hangzhou-h");
        String keyI = ResilientProvisioner.locationKey(KEY, "cn-hangzhou-i");
        ecs.stubFor(action("DescribeInstances").withQueryParam("Tag.1.Value", equalTo(keyH)).willReturn(json(200, instances(""))));
        ecs.stubFor(action("RunInstances").withQueryParam("ZoneId", equalTo("cn-hangzhou-h")).willReturn(json(400, error("OperationDenied.NoStock"))));
        launchable(keyI, "i-bp1zonei", "cn-hangzhou-i");
        ResilientProvisioner resilient = new ResilientProvisioner(alibaba,
                AlibabaEcsVendor.POLICY.withTiming(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)));

        Resource launched = resilient.launch(request("cn-hangzhou-h", "cn-hangzhou-i"), KEY);

        assertThat(launched.resourceId()).isEqualTo("cn-hangzhou/i-bp1zonei");
        ecs.verify(postRequestedFor(urlPathEqualTo("/")).withQueryParam("Action", equalTo("RunInstances"))
                .withQueryParam("ZoneId", equalTo("cn-hangzhou-i")).withQueryParam("ClientToken", equalTo(keyI)));
    }

    @Test
    void deletesAreForcedAndBatchedAndListsFollowNextTokenOverThisEnvironmentOnly() {
        ecs.stubFor(action("DeleteInstances").willReturn(json(200, "{\"RequestId\":\"req\"}")));
        ecs.stubFor(action("DescribeInstances").withQueryParam("NextToken", absent()).withQueryParam("Tag.1.Key", equalTo("cyberplaza:env"))
                .willReturn(json(200, instances("page-2", instance("i-bp1one", "cn-hangzhou-h", "Running", "test")))));
        ecs.stubFor(action("DescribeInstances").withQueryParam("NextToken", equalTo("page-2"))
                .willReturn(json(200, instances("", instance("i-bp1two", "cn-hangzhou-i", "Stopped", "test")))));

        alibaba.terminateAll(List.of("cn-hangzhou/i-bp1one", "cn-hangzhou/i-bp1two"));
        List<Resource> owned = alibaba.listOwned();

        ecs.verify(1, postRequestedFor(urlPathEqualTo("/")).withQueryParam("Action", equalTo("DeleteInstances"))
                .withQueryParam("Force", equalTo("true")).withQueryParam("InstanceId.1", equalTo("i-bp1one"))
                .withQueryParam("InstanceId.2", equalTo("i-bp1two")));
        assertThat(owned).extracting(Resource::resourceId).containsExactly("cn-hangzhou/i-bp1one", "cn-hangzhou/i-bp1two");
        assertThat(owned).extracting(Resource::status).containsExactly(ResourceStatus.RUNNING, ResourceStatus.STOPPED);
        assertThatThrownBy(() -> alibaba.describe("i-no-region")).isInstanceOf(ProvisionException.class);
    }
}
