package io.cyberplaza.provisioner.gcp;

import com.github.tomakehurst.wiremock.WireMockServer;
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
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Compute Engine adapter, through google-cloud-compute, against WireMock serving the Compute
 * API's documented answers: instances.insert with its requestId, the zone operation polled to DONE
 * (or to a ZONE_RESOURCE_POOL_EXHAUSTED error), 403 rateLimitExceeded, 409 for a name taken.
 */
class GcpComputeProvisionerTest {
    private static final String PROJECT = "cyberplaza-test";
    private static final String ORDER = "0x" + "ef".repeat(32);
    private static final String KEY = "order-" + "ef".repeat(16);
    private static final String IMAGE = "projects/debian-cloud/global/images/family/debian-12";

    private WireMockServer compute;
    private GcpComputeProvisioner gcp;

    @BeforeEach
    void start() {
        compute = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        compute.start();
        gcp = new GcpComputeProvisioner(new GcpSettings(PROJECT, "test",
                Map.of("us-central1", "regions/us-central1/subnetworks/compute"), compute.baseUrl()));
    }

    @AfterEach
    void stop() {
        gcp.close();
        compute.stop();
    }

    private static String instancesPath(String zone) {
        return "/compute/v1/projects/" + PROJECT + "/zones/" + zone + "/instances";
    }

    private static String operation(String zone, String name, String status, String errorCode) {
        String error = errorCode == null ? "" : ",\"error\":{\"errors\":[{\"code\":\"" + errorCode + "\",\"message\":\"The zone does not have enough resources\"}]}";
        return """
                {"kind": "compute#operation", "id": "4171", "name": "%s", "operationType": "insert", "status": "%s",
                 "zone": "https://www.googleapis.com/compute/v1/projects/%s/zones/%s",
                 "targetLink": "https://www.googleapis.com/compute/v1/projects/%s/zones/%s/instances/x",
                 "selfLink": "https://www.googleapis.com/compute/v1/projects/%s/zones/%s/operations/%s"%s}
                """.formatted(name, status, PROJECT, zone, PROJECT, zone, PROJECT, zone, name, error);
    }

    private static String instance(String zone, String name, String status) {
        return """
                {"kind": "compute#instance", "id": "8812", "name": "%s", "status": "%s", "creationTimestamp": "2026-11-24T02:00:00.000-08:00",
                 "zone": "https://www.googleapis.com/compute/v1/projects/%s/zones/%s",
                 "machineType": "https://www.googleapis.com/compute/v1/projects/%s/zones/%s/machineTypes/e2-standard-2",
                 "labels": {"cyberplaza-env": "test"},
                 "metadata": {"items": [{"key": "cyberplaza-order", "value": "%s"}]}}
                """.formatted(name, status, PROJECT, zone, PROJECT, zone, ORDER);
    }

    /** Compute Engine for one zone: the insert returns a running operation, polled once to DONE. */
    private void creatable(String zone, String key, String errorCode) {
        String name = GcpComputeProvisioner.instanceName(key);
        String op = "operation-" + zone;
        compute.stubFor(post(urlPathEqualTo(instancesPath(zone))).willReturn(json(200, operation(zone, op, "RUNNING", null))));
        compute.stubFor(get(urlPathEqualTo("/compute/v1/projects/" + PROJECT + "/zones/" + zone + "/operations/" + op))
                .willReturn(json(200, operation(zone, op, "DONE", errorCode))));
        compute.stubFor(get(urlPathEqualTo(instancesPath(zone) + "/" + name)).willReturn(errorCode == null
                ? json(200, instance(zone, name, "RUNNING")) : json(404, notFound(name))));
    }

    private static String notFound(String name) {
        return "{\"error\":{\"code\":404,\"message\":\"The resource '" + name + "' was not found\",\"errors\":[{\"reason\":\"notFound\"}]}}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static LaunchRequest request(String... zones) {
        return new LaunchRequest(ORDER, "gce-e2", IMAGE, Map.of(), 1, Duration.ofHours(1), Map.of("cyberplaza:order", ORDER),
                new MachineSpec("e2-standard-2", false, List.of(zones)), null);
    }

    private int inserts(String zone) {
        return compute.findAll(postRequestedFor(urlPathEqualTo(instancesPath(zone)))).size();
    }

    @Test
    void anInsertCarriesARequestIdFromTheKeyAndItsOperationIsWaitedOn() {
        creatable("us-central1-a", KEY, null);

        Resource launched = gcp.launch(request("us-central1-a").at("us-central1-a"), KEY);

        String name = GcpComputeProvisioner.instanceName(KEY);
        assertThat(launched.resourceId()).isEqualTo("projects/" + PROJECT + "/zones/us-central1-a/instances/" + name);
        assertThat(launched.status()).isEqualTo(ResourceStatus.RUNNING);
        assertThat(launched.orderId()).isEqualTo(ORDER);
        compute.verify(postRequestedFor(urlPathEqualTo(instancesPath("us-central1-a")))
                .withQueryParam("requestId", equalTo(GcpComputeProvisioner.requestId("insert", KEY)))
                .withRequestBody(matchingJsonPath("$.name", equalTo(name)))
                .withRequestBody(matchingJsonPath("$.machineType", equalTo("zones/us-central1-a/machineTypes/e2-standard-2")))
                .withRequestBody(matchingJsonPath("$.labels.cyberplaza-env", equalTo("test")))
                .withRequestBody(matchingJsonPath("$.networkInterfaces[0].subnetwork", equalTo("regions/us-central1/subnetworks/compute"))));
        assertThat(GcpComputeProvisioner.requestId("insert", KEY)).isEqualTo(GcpComputeProvisioner.requestId("insert", KEY))
                .isNotEqualTo(GcpComputeProvisioner.requestId("insert", KEY + "x"));
    }

    @Test
    void aNameTakenByAnEarlierInsertIsReadNotMadeAgain() {
        String zone = "us-central1-a";
        creatable(zone, KEY, null);
        compute.stubFor(post(urlPathEqualTo(instancesPath(zone))).atPriority(1).willReturn(json(409,
                "{\"error\":{\"code\":409,\"message\":\"The resource already exists\",\"errors\":[{\"reason\":\"alreadyExists\"}]}}")));

        Resource launched = gcp.launch(request(zone).at(zone), KEY);

        assertThat(launched.status()).isEqualTo(ResourceStatus.RUNNING);
    }

    @Test
    void aSpentRateQuotaIsThrottlingAndRiddenOut() {
        String zone = "us-central1-a";
        creatable(zone, KEY, null);
        compute.stubFor(post(urlPathEqualTo(instancesPath(zone))).atPriority(1).inScenario("quota").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("refilled").willReturn(json(403, "{\"error\":{\"code\":403,\"message\":\"Rate Limit Exceeded\",\"errors\":"
                        + "[{\"message\":\"Rate Limit Exceeded\",\"domain\":\"usageLimits\",\"reason\":\"rateLimitExceeded\"}]}}")));
        assertThatThrownBy(() -> gcp.launch(request(zone).at(zone), KEY)).isInstanceOfSatisfying(ProvisionException.class,
                e -> assertThat(e.reason()).isEqualTo(ProvisionException.Reason.THROTTLED));

        compute.resetScenarios();
        compute.stubFor(get(urlPathEqualTo(instancesPath(zone) + "/" + GcpComputeProvisioner.instanceName(
                ResilientProvisioner.locationKey(KEY, zone)))).willReturn(json(404, notFound("x"))));
        ResilientProvisioner resilient = new ResilientProvisioner(new OneKey(gcp, KEY),
                GcpComputeVendor.POLICY.withTiming(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)));
        Resource launched = resilient.launch(request(zone), KEY);

        assertThat(launched.status()).isEqualTo(ResourceStatus.RUNNING);
        assertThat(inserts(zone)).isEqualTo(3);
    }

    @Test
    void anExhaustedZoneMovesTheLaunchToTheNext() {
        String keyA = ResilientProvisioner.locationKey(KEY, "us-central1-a");
        String keyB = ResilientProvisioner.locationKey(KEY, "us-central1-b");
        creatable("us-central1-a", keyA, "ZONE_RESOURCE_POOL_EXHAUSTED");
        creatable("us-central1-b", keyB, null);
        compute.stubFor(get(urlPathEqualTo(instancesPath("us-central1-b") + "/" + GcpComputeProvisioner.instanceName(keyB)))
                .atPriority(1).inScenario("b").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("made").willReturn(json(404, notFound("b"))));
        ResilientProvisioner resilient = new ResilientProvisioner(gcp,
                GcpComputeVendor.POLICY.withTiming(Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)));

        Resource launched = resilient.launch(request("us-central1-a", "us-central1-b"), KEY);

        assertThat(launched.resourceId()).endsWith("/zones/us-central1-b/instances/" + GcpComputeProvisioner.instanceName(keyB));
        assertThat(inserts("us-central1-a")).isEqualTo(1);
        assertThat(inserts("us-central1-b")).isEqualTo(1);
    }

    @Test
    void describeTerminateAndListThisEnvironmentsInstances() {
        String zone = "us-central1-a";
        String name = GcpComputeProvisioner.instanceName(KEY);
        String id = "projects/" + PROJECT + "/zones/" + zone + "/instances/" + name;
        compute.stubFor(get(urlPathEqualTo(instancesPath(zone) + "/" + name)).willReturn(json(200, instance(zone, name, "TERMINATED"))));
        compute.stubFor(get(urlPathEqualTo(instancesPath(zone) + "/gone")).willReturn(json(404, notFound("gone"))));
        compute.stubFor(delete(urlPathEqualTo(instancesPath(zone) + "/" + name)).willReturn(json(200, operation(zone, "operation-del", "RUNNING", null))));
        compute.stubFor(delete(urlPathEqualTo(instancesPath(zone) + "/gone")).willReturn(json(404, notFound("gone"))));
        compute.stubFor(get(urlPathEqualTo("/compute/v1/projects/" + PROJECT + "/aggregated/instances"))
                .withQueryParam("filter", equalTo("labels.cyberplaza-env = \"test\"")).willReturn(json(200,
                        "{\"kind\":\"compute#instanceAggregatedList\",\"items\":{\"zones/us-central1-a\":{\"instances\":[" + instance(zone, name, "RUNNING")
                                + "]},\"zones/us-central1-b\":{\"warning\":{\"code\":\"NO_RESULTS_ON_PAGE\",\"message\":\"none\"}}}}")));

        assertThat(gcp.describe(id)).get().extracting(Resource::status).isEqualTo(ResourceStatus.STOPPED);
        assertThat(gcp.describe("projects/" + PROJECT + "/zones/" + zone + "/instances/gone")).isEmpty();
        gcp.terminate(id);
        gcp.terminate("projects/" + PROJECT + "/zones/" + zone + "/instances/gone");
        assertThat(gcp.listOwned()).extracting(Resource::resourceId).containsExactly(id);
        compute.verify(deleteRequestedFor(urlPathEqualTo(instancesPath(zone) + "/" + name))
                .withQueryParam("requestId", equalTo(GcpComputeProvisioner.requestId("delete", id))));
        assertThatThrownBy(() -> gcp.describe("zones/x/instances/y")).isInstanceOf(ProvisionException.class);
    }
}
