package io.cyberplaza.provisioner.azure;

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

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Azure adapter against WireMock serving Azure Resource Manager's documented answers: the
 * client-credentials token, the VM PUT with If-None-Match, the create's long-running operation
 * (Azure-AsyncOperation with Retry-After), 412 for a name taken, 429 throttling, capacity failures.
 */
class AzureComputeProvisionerTest {
    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    private static final String GROUP = "cyberplaza-compute";
    private static final String COLLECTION = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP
            + "/providers/Microsoft.Compute/virtualMachines";
    private static final String ORDER = "0x" + "ab".repeat(32);
    private static final String KEY = "order-" + "ab".repeat(16);
    private static final String IMAGE = "Canonical:ubuntu-24_04-lts:server:latest";

    private WireMockServer arm;
    private AzureComputeProvisioner azure;

    @BeforeEach
    void start() {
        arm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        arm.start();
        arm.stubFor(post(urlPathEqualTo("/tenant-1/oauth2/v2.0/token")).withRequestBody(containing("grant_type=client_credentials"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"arm-token\"}")));
        HttpClient http = HttpClient.newHttpClient();
        URI endpoint = URI.create(arm.baseUrl());
        azure = new AzureComputeProvisioner(new AzureSettings(endpoint, SUBSCRIPTION, GROUP, "test",
                "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP + "/providers/Microsoft.Network/virtualNetworks/vnet/subnets/compute",
                "cyberplaza", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyOnly"),
                new ClientCredentialTokens(http, endpoint, "tenant-1", "client-1", "secret-1", Clock.systemUTC()), http);
    }

    @AfterEach
    void stop() {
        arm.stop();
    }

    private static LaunchRequest request(String... regions) {
        return new LaunchRequest(ORDER, "azure-d2s", IMAGE, Map.of(), 1, Duration.ofHours(1),
                Map.of("cyberplaza:order", ORDER, "cyberplaza:env", "test"), new MachineSpec("Standard_D2s_v5", false, List.of(regions)), null);
    }

    private static String vmPath(String key) {
        return COLLECTION + "/" + AzureComputeProvisioner.vmName(key);
    }

    private static String vmJson(String key, String region, String provisioning, String power) {
        return """
                {"id": "%s", "name": "%s", "location": "%s",
                 "tags": {"cyberplaza:order": "%s", "cyberplaza:env": "test", "cyberplaza:launch-key": "%s"},
                 "properties": {"provisioningState": "%s", "timeCreated": "2026-11-24T10:00:00Z",
                   "hardwareProfile": {"vmSize": "Standard_D2s_v5"},
                   "instanceView": {"statuses": [{"code": "ProvisioningState/succeeded"}, {"code": "PowerState/%s"}]}}}
                """.formatted(vmPath(key), AzureComputeProvisioner.vmName(key), region, ORDER, key, provisioning, power);
    }

    /** A VM create the way ARM answers it: 201 with an operation to poll, in progress once, then succeeded. */
    private void creatable(String key, String region, String finalStatus, String errorCode) {
        String operation = "/subscriptions/" + SUBSCRIPTION + "/providers/Microsoft.Compute/locations/" + region + "/operations/op-" + key;
        arm.stubFor(put(urlPathEqualTo(vmPath(key))).withHeader("If-None-Match", equalTo("*"))
                .withRequestBody(matchingJsonPath("$.location", equalTo(region)))
                .inScenario(key + region).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("created")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withHeader("Azure-AsyncOperation", arm.baseUrl() + operation + "?api-version=2024-07-01")
                        .withHeader("Retry-After", "0").withBody(vmJson(key, region, "Creating", "starting"))));
        arm.stubFor(put(urlPathEqualTo(vmPath(key))).withHeader("If-None-Match", equalTo("*"))
                .inScenario(key + region).whenScenarioStateIs("created")
                .willReturn(aResponse().withStatus(412).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"PreconditionFailed\",\"message\":\"The resource exists.\"}}")));
        arm.stubFor(get(urlPathEqualTo(operation)).inScenario("op-" + key + region).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("polled").willReturn(aResponse().withHeader("Content-Type", "application/json").withHeader("Retry-After", "0")
                        .withBody("{\"startTime\":\"2026-11-24T10:00:00Z\",\"status\":\"InProgress\",\"name\":\"op\"}")));
        arm.stubFor(get(urlPathEqualTo(operation)).inScenario("op-" + key + region).whenScenarioStateIs("polled")
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(finalStatus.equals("Succeeded")
                        ? "{\"status\":\"Succeeded\",\"name\":\"op\"}"
                        : "{\"status\":\"Failed\",\"name\":\"op\",\"error\":{\"code\":\"" + errorCode + "\",\"message\":\"not here\"}}")));
        arm.stubFor(get(urlPathEqualTo(vmPath(key))).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(vmJson(key, region, "Succeeded", "running"))));
    }

    private int creates(String key) {
        return (int) arm.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("PUT")
                && e.getRequest().getUrl().startsWith(vmPath(key)) && e.getResponse().getStatus() == 201).count();
    }

    @Test
    void aVmIsCreatedByAPutThatMayNotOverwriteAndItsOperationIsFollowedToTheEnd() {
        creatable(KEY, "eastus", "Succeeded", null);

        Resource vm = azure.launch(request("eastus").at("eastus"), KEY);

        assertThat(vm.resourceId()).isEqualTo(vmPath(KEY).toLowerCase());
        assertThat(vm.status()).isEqualTo(ResourceStatus.RUNNING);
        assertThat(vm.orderId()).isEqualTo(ORDER);
        arm.verify(putRequestedFor(urlPathEqualTo(vmPath(KEY))).withHeader("Authorization", equalTo("Bearer arm-token"))
                .withQueryParam("api-version", equalTo(AzureSettings.API_VERSION))
                .withRequestBody(matchingJsonPath("$.properties.hardwareProfile.vmSize", equalTo("Standard_D2s_v5")))
                .withRequestBody(matchingJsonPath("$.tags['cyberplaza:launch-key']", equalTo(KEY)))
                .withRequestBody(matchingJsonPath("$.properties.storageProfile.osDisk.deleteOption", equalTo("Delete")))
                .withRequestBody(matchingJsonPath("$.properties.osProfile.linuxConfiguration.disablePasswordAuthentication", equalTo("true"))));
        arm.verify(2, getRequestedFor(urlPathEqualTo("/subscriptions/" + SUBSCRIPTION
                + "/providers/Microsoft.Compute/locations/eastus/operations/op-" + KEY)));
    }

    @Test
    void launchingTheSameKeyAgainFindsTheFirstVm() {
        creatable(KEY, "eastus", "Succeeded", null);
        Resource first = azure.launch(request("eastus").at("eastus"), KEY);

        Resource again = azure.launch(request("eastus").at("eastus"), KEY);

        assertThat(again.resourceId()).isEqualTo(first.resourceId());
        assertThat(creates(KEY)).isEqualTo(1);
    }

    @Test
    void throttlingIsReportedWithTheServicesRetryAfterAndRiddenOut() {
        creatable(KEY, "eastus", "Succeeded", null);
        arm.stubFor(put(urlPathEqualTo(vmPath(KEY))).inScenario("throttled").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("calm")
                .atPriority(1).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}")));

        assertThatThrownBy(() -> azure.launch(request("eastus").at("eastus"), KEY)).isInstanceOfSatisfying(ProvisionException.class, e -> {
            assertThat(e.reason()).isEqualTo(ProvisionException.Reason.THROTTLED);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        });
        Resource vm = azure.launch(request("eastus").at("eastus"), KEY);
        assertThat(vm.status()).isEqualTo(ResourceStatus.RUNNING);
        assertThat(creates(KEY)).isEqualTo(1);
    }

    @Test
    void noCapacityInOneRegionMovesTheLaunchToTheNextAndA5xxIsRetriedInPlace() {
        String eastKey = ResilientProvisioner.locationKey(KEY, "eastus");
        String westKey = ResilientProvisioner.locationKey(KEY, "westus2");
        creatable(eastKey, "eastus", "Failed", "SkuNotAvailable");
        arm.stubFor(get(urlPathEqualTo(vmPath(eastKey))).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":{\"code\":\"ResourceNotFound\"}}")));
        creatable(westKey, "westus2", "Succeeded", null);
        arm.stubFor(get(urlPathEqualTo(vmPath(westKey))).inScenario("west-read").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("exists").atPriority(1).willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"code\":\"ResourceNotFound\"}}")));
        arm.stubFor(put(urlPathEqualTo(vmPath(westKey))).inScenario("west-5xx").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .atPriority(1).willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"code\":\"ServiceUnavailable\"}}")));
        ResilientProvisioner resilient = new ResilientProvisioner(azure,
                AzureComputeVendor.POLICY.withTiming(Duration.ofSeconds(5), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)));

        Resource vm = resilient.launch(request("eastus", "westus2"), KEY);

        assertThat(vm.resourceId()).isEqualTo(vmPath(westKey).toLowerCase());
        assertThat(creates(westKey)).isEqualTo(1);
        arm.verify(2, putRequestedFor(urlPathEqualTo(vmPath(westKey))));
    }

    @Test
    void aCreateThatOutlivedTheTimeLimitIsFoundByItsNameNotMadeTwice() {
        creatable(KEY, "eastus", "Succeeded", null);
        arm.stubFor(get(urlPathEqualTo(vmPath(KEY))).inScenario("late").whenScenarioStateIs(Scenario.STARTED).atPriority(1)
                .willReturn(aResponse().withStatus(404).withBody("{\"error\":{\"code\":\"ResourceNotFound\"}}")));
        arm.stubFor(put(urlPathEqualTo(vmPath(KEY))).inScenario("late").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("accepted")
                .atPriority(1).willReturn(aResponse().withStatus(201).withFixedDelay(2_500).withHeader("Content-Type", "application/json")
                        .withBody(vmJson(KEY, "eastus", "Creating", "starting"))));
        arm.stubFor(put(urlPathEqualTo(vmPath(KEY))).inScenario("late").whenScenarioStateIs("accepted").atPriority(1)
                .willReturn(aResponse().withStatus(412).withBody("{\"error\":{\"code\":\"PreconditionFailed\"}}")));
        ResilientProvisioner resilient = new ResilientProvisioner(new OneKey(azure, KEY),
                AzureComputeVendor.POLICY.withTiming(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(1)));

        Resource vm = resilient.launch(request("eastus"), KEY);

        assertThat(vm.status()).isEqualTo(ResourceStatus.RUNNING);
        arm.verify(2, putRequestedFor(urlPathEqualTo(vmPath(KEY))));
        assertThat(creates(KEY)).as("one VM made, the second PUT refused").isEqualTo(1);
    }

    @Test
    void describeStopTerminateAndListOwnVmsOnly() {
        arm.stubFor(get(urlPathEqualTo(vmPath(KEY))).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(vmJson(KEY, "eastus", "Succeeded", "deallocated"))));
        arm.stubFor(post(urlPathEqualTo(vmPath(KEY) + "/deallocate")).willReturn(aResponse().withStatus(202)));
        arm.stubFor(delete(urlPathEqualTo(vmPath(KEY))).willReturn(aResponse().withStatus(202)));
        arm.stubFor(delete(urlPathEqualTo(vmPath("order-gone"))).willReturn(aResponse().withStatus(404)));
        arm.stubFor(get(urlPathEqualTo(vmPath("order-gone"))).willReturn(aResponse().withStatus(404)));
        String other = vmJson("order-other", "eastus", "Succeeded", "running").replace("\"cyberplaza:env\": \"test\"", "\"cyberplaza:env\": \"prod\"");
        arm.stubFor(get(urlPathEqualTo(COLLECTION)).withQueryParam("page", equalTo("2")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody("{\"value\":[" + vmJson(KEY, "eastus", "Succeeded", "running") + "]}")));
        arm.stubFor(get(urlPathEqualTo(COLLECTION)).atPriority(10).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"value\":[" + other + "],\"nextLink\":\"" + arm.baseUrl() + COLLECTION + "?api-version=2024-07-01&page=2\"}")));
        String id = vmPath(KEY).toLowerCase();

        assertThat(azure.describe(id)).get().extracting(Resource::status).isEqualTo(ResourceStatus.STOPPED);
        assertThat(azure.describe(vmPath("order-gone").toLowerCase())).isEmpty();
        azure.stop(id);
        azure.terminate(id);
        azure.terminate(vmPath("order-gone").toLowerCase());
        assertThat(azure.listOwned()).extracting(Resource::resourceId).containsExactly(id);
        arm.verify(postRequestedFor(urlPathEqualTo(vmPath(KEY) + "/deallocate")));
        arm.verify(deleteRequestedFor(urlPathEqualTo(vmPath(KEY))));
        assertThatThrownBy(() -> azure.describe("/subscriptions/other/resourceGroups/x/providers/Microsoft.Compute/virtualMachines/vm"))
                .isInstanceOf(ProvisionException.class);
    }
}
