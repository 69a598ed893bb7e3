package io.cyberplaza.provisioner.aws;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.MachineSpec;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.provisioner.aws.FaultInjector.Fault;
import io.cyberplaza.provisioner.resilience.CallBudget;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.testing.MotoServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The EC2 adapter and its resilience layer against moto's EC2, with faults injected at the SDK's transport. */
class Ec2ProvisionerTest {
    private static final String ENV = "test";
    private static final String ZONE_A = "us-east-1a";
    private static final String ZONE_B = "us-east-1b";

    private static MotoServer moto;
    private static Ec2Client admin;
    private static String image;
    private static Map<String, String> subnets;

    private final FaultInjector faults = new FaultInjector();
    private Ec2Provisioner ec2;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start(Path.of("target", "moto-ec2.log"));
        admin = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint())
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
        image = admin.describeImages(r -> r.owners("amazon")).images().getFirst().imageId();
        subnets = Map.of(ZONE_A, subnetIn(ZONE_A), ZONE_B, subnetIn(ZONE_B));
    }

    @AfterAll
    static void stopMoto() {
        if (admin != null) admin.close();
        if (moto != null) moto.close();
    }

    @BeforeEach
    void adapter() {
        ec2 = new Ec2Provisioner(new Ec2Settings(ENV, List.of("us-east-1"), subnets, moto.endpoint(), List.of(faults)));
    }

    private static String subnetIn(String zone) {
        return admin.describeSubnets(r -> r.filters(Filter.builder().name("availability-zone").values(zone).build()))
                .subnets().getFirst().subnetId();
    }

    private static String newOrderId() {
        byte[] id = new byte[32];
        ThreadLocalRandom.current().nextBytes(id);
        return "0x" + HexFormat.of().formatHex(id);
    }

    private static String keyOf(String orderId) {
        return "order-" + orderId.substring(2, 34);
    }

    private static LaunchRequest request(String orderId, boolean spot, String... zones) {
        return new LaunchRequest(orderId, "aws-t3-micro", image, Map.of(), 1, Duration.ofHours(1),
                Map.of(Ec2Provisioner.ORDER_TAG, orderId, Ec2Provisioner.ENV_TAG, ENV),
                new MachineSpec("t3.micro", spot, List.of(zones)), null);
    }

    private static List<Instance> instancesOf(String orderId) {
        return admin.describeInstancesPaginator(r -> r.filters(Filter.builder().name("tag:" + Ec2Provisioner.ORDER_TAG)
                .values(orderId).build())).reservations().stream().flatMap(r -> r.instances().stream()).toList();
    }

    private static String tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst().orElse(null);
    }

    private ResilientProvisioner resilient(VendorPolicy policy) {
        return new ResilientProvisioner(ec2, policy);
    }

    private static VendorPolicy quick() {
        return Ec2Vendor.POLICY.withTiming(Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1))
                .withAttempts(8);
    }

    @Test
    void launchesOneTaggedInstanceOfTheMachineInTheZoneAndSubnetWithTheOrdersClientToken() {
        String orderId = newOrderId();
        Resource launched = ec2.launch(request(orderId, false, ZONE_A).at(ZONE_A), keyOf(orderId));

        Instance instance = instancesOf(orderId).getFirst();
        assertThat(launched.resourceId()).isEqualTo("us-east-1/" + instance.instanceId());
        assertThat(launched.orderId()).isEqualTo(orderId);
        assertThat(instance.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(instance.imageId()).isEqualTo(image);
        assertThat(instance.placement().availabilityZone()).isEqualTo(ZONE_A);
        assertThat(instance.subnetId()).isEqualTo(subnets.get(ZONE_A));
        assertThat(instance.clientToken()).isEqualTo(keyOf(orderId));
        assertThat(tag(instance, Ec2Provisioner.ENV_TAG)).isEqualTo(ENV);
        assertThat(tag(instance, Ec2Provisioner.KEY_TAG)).isEqualTo(keyOf(orderId));
        assertThat(instance.instanceLifecycleAsString()).isNull();
    }

    @Test
    void launchingAgainUnderTheSameKeyAnswersWithTheFirstInstance() {
        String orderId = newOrderId();
        Resource first = ec2.launch(request(orderId, false, ZONE_A).at(ZONE_A), keyOf(orderId));
        Resource again = ec2.launch(request(orderId, false, ZONE_A).at(ZONE_A), keyOf(orderId));

        assertThat(again.resourceId()).isEqualTo(first.resourceId());
        assertThat(instancesOf(orderId)).hasSize(1);
        assertThat(faults.sent("RunInstances")).isEqualTo(1);
    }

    @Test
    void aSpotMachineIsBoughtOnTheSpotMarket() {
        String orderId = newOrderId();
        ec2.launch(request(orderId, true, ZONE_B).at(ZONE_B), keyOf(orderId));

        assertThat(instancesOf(orderId).getFirst().instanceLifecycleAsString()).isEqualTo("spot");
    }

    @Test
    void describesTerminatesAndListsOnlyThisEnvironmentsInstances() {
        String orderId = newOrderId();
        Resource launched = ec2.launch(request(orderId, false, ZONE_A).at(ZONE_A), keyOf(orderId));
        admin.runInstances(r -> r.imageId(image).instanceType("t3.micro").minCount(1).maxCount(1).tagSpecifications(t -> t
                .resourceType("instance").tags(Tag.builder().key(Ec2Provisioner.ORDER_TAG).value(orderId).build(),
                        Tag.builder().key(Ec2Provisioner.ENV_TAG).value("another-env").build())));

        assertThat(ec2.describe(launched.resourceId())).get().extracting(Resource::status).isEqualTo(ResourceStatus.RUNNING);
        assertThat(ec2.listOwned()).extracting(Resource::resourceId).contains(launched.resourceId())
                .allSatisfy(id -> assertThat(ec2.describe(id)).isPresent());
        assertThat(ec2.listOwned()).filteredOn(r -> orderId.equals(r.orderId())).hasSize(1);

        ec2.terminate(launched.resourceId());
        ec2.terminate(launched.resourceId());
        assertThat(ec2.describe(launched.resourceId())).get().extracting(Resource::status).isEqualTo(ResourceStatus.TERMINATED);
        assertThat(ec2.describe("us-east-1/i-0123456789abcdef0")).isEmpty();
        assertThatThrownBy(() -> ec2.describe("not-an-instance")).isInstanceOf(ProvisionException.class)
                .extracting(e -> ((ProvisionException) e).reason()).isEqualTo(ProvisionException.Reason.INVALID);
    }

    @Test
    void manyInstancesEndInOneCallAndAnUnknownOneDoesNotStopTheOthers() {
        String first = newOrderId();
        String second = newOrderId();
        Resource a = ec2.launch(request(first, false, ZONE_A).at(ZONE_A), keyOf(first));
        Resource b = ec2.launch(request(second, false, ZONE_B).at(ZONE_B), keyOf(second));

        ec2.terminateAll(List.of(a.resourceId(), b.resourceId()));
        assertThat(faults.sent("TerminateInstances")).isEqualTo(1);
        assertThat(List.of(a, b)).allSatisfy(r -> assertThat(ec2.describe(r.resourceId())).get().extracting(Resource::status)
                .isEqualTo(ResourceStatus.TERMINATED));

        String third = newOrderId();
        Resource c = ec2.launch(request(third, false, ZONE_A).at(ZONE_A), keyOf(third));
        ec2.terminateAll(List.of("us-east-1/i-0123456789abcdef0", c.resourceId()));
        assertThat(ec2.describe(c.resourceId())).get().extracting(Resource::status).isEqualTo(ResourceStatus.TERMINATED);
    }

    @Test
    void aThrottlingStormIsRiddenOutWithOneInstance() {
        String orderId = newOrderId();
        faults.fail("RunInstances", Fault.THROTTLE, 6, r -> true);

        Resource launched = resilient(quick()).launch(request(orderId, false, ZONE_A), keyOf(orderId));

        assertThat(instancesOf(orderId)).extracting(i -> "us-east-1/" + i.instanceId()).containsExactly(launched.resourceId());
        assertThat(faults.sent("RunInstances")).isEqualTo(7);
    }

    @Test
    void aBurstOfServerErrorsIsRetriedWithOneInstance() {
        String orderId = newOrderId();
        faults.fail("RunInstances", Fault.SERVER_ERROR, 3, r -> true);

        resilient(quick()).launch(request(orderId, false, ZONE_A), keyOf(orderId));

        assertThat(instancesOf(orderId)).hasSize(1);
        assertThat(faults.sent("RunInstances")).isEqualTo(4);
    }

    @Test
    void aLaunchWhoseAnswerWasLostIsFoundNotRepeated() {
        String orderId = newOrderId();
        faults.fail("RunInstances", Fault.LOST_ANSWER, 1, r -> true);

        Resource launched = resilient(quick()).launch(request(orderId, false, ZONE_A), keyOf(orderId));

        assertThat(instancesOf(orderId)).extracting(i -> "us-east-1/" + i.instanceId()).containsExactly(launched.resourceId());
        assertThat(faults.sent("RunInstances")).isEqualTo(1);
    }

    @Test
    void aLaunchThatOutlivedItsTimeLimitIsFoundNotRepeated() {
        String orderId = newOrderId();
        faults.slowBy(Duration.ofMillis(2_500)).fail("RunInstances", Fault.SLOW_ANSWER, 1, r -> true);

        Resource launched = resilient(quick()).launch(request(orderId, false, ZONE_A), keyOf(orderId));

        assertThat(instancesOf(orderId)).extracting(i -> "us-east-1/" + i.instanceId()).containsExactly(launched.resourceId());
        assertThat(faults.sent("RunInstances")).isEqualTo(1);
    }

    @Test
    void noCapacityInOneZoneMovesTheLaunchToTheNextWithAKeyOfItsOwn() {
        String orderId = newOrderId();
        faults.fail("RunInstances", Fault.NO_CAPACITY, 100, FaultInjector.inZone(ZONE_A));

        Resource launched = resilient(quick()).launch(request(orderId, false, ZONE_A, ZONE_B), keyOf(orderId));

        Instance instance = instancesOf(orderId).getFirst();
        assertThat(launched.resourceId()).isEqualTo("us-east-1/" + instance.instanceId());
        assertThat(instance.placement().availabilityZone()).isEqualTo(ZONE_B);
        assertThat(instance.clientToken()).isEqualTo(ResilientProvisioner.locationKey(keyOf(orderId), ZONE_B))
                .isNotEqualTo(ResilientProvisioner.locationKey(keyOf(orderId), ZONE_A));
        assertThat(faults.sent("RunInstances")).isEqualTo(2);
    }

    @Test
    void aRedeliveryAfterAFailoverFindsTheMachineInTheLaterZone() {
        String orderId = newOrderId();
        faults.fail("RunInstances", Fault.NO_CAPACITY, 1, FaultInjector.inZone(ZONE_A));
        ResilientProvisioner provisioner = resilient(quick());
        Resource first = provisioner.launch(request(orderId, false, ZONE_A, ZONE_B), keyOf(orderId));

        // Zone A has room again when the message comes back: the machine in B is still the order's.
        Resource again = provisioner.launch(request(orderId, false, ZONE_A, ZONE_B), keyOf(orderId));

        assertThat(again.resourceId()).isEqualTo(first.resourceId());
        assertThat(instancesOf(orderId)).hasSize(1);
    }

    @Test
    void noCapacityAnywhereLaunchesNothingAndSaysSo() {
        String orderId = newOrderId();
        faults.fail("RunInstances", Fault.NO_CAPACITY, 100, r -> true);

        assertThatThrownBy(() -> resilient(quick()).launch(request(orderId, false, ZONE_A, ZONE_B), keyOf(orderId)))
                .isInstanceOf(ProvisionException.class).hasMessageContaining(ZONE_A).hasMessageContaining(ZONE_B)
                .extracting(e -> ((ProvisionException) e).reason()).isEqualTo(ProvisionException.Reason.CAPACITY);
        assertThat(instancesOf(orderId)).isEmpty();
    }

    @Test
    void theBreakerOpensOnAFailingRegionStopsCallingItAndRecovers() throws InterruptedException {
        ResilientProvisioner provisioner = resilient(quick().withAttempts(1));
        faults.fail("RunInstances", Fault.SERVER_ERROR, 1_000, r -> true);
        for (int i = 0; i < 5; i++) {
            String orderId = newOrderId();
            assertThatThrownBy(() -> provisioner.launch(request(orderId, false, ZONE_A), keyOf(orderId)))
                    .isInstanceOf(ProvisionException.class);
        }
        assertThat(provisioner.breakerState("us-east-1")).isEqualTo(CircuitBreaker.State.OPEN);
        int sentWhenOpened = faults.sent("RunInstances");

        String refused = newOrderId();
        assertThatThrownBy(() -> provisioner.launch(request(refused, false, ZONE_A), keyOf(refused)))
                .isInstanceOf(ProvisionException.class).hasMessageContaining("circuit is open");
        assertThat(faults.sent("RunInstances")).isEqualTo(sentWhenOpened);

        faults.clear();
        Thread.sleep(1_100);
        String recovered = newOrderId();
        provisioner.launch(request(recovered, false, ZONE_A), keyOf(recovered));
        provisioner.launch(request(recovered, false, ZONE_A), keyOf(recovered));
        assertThat(provisioner.breakerState("us-east-1")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(instancesOf(recovered)).hasSize(1);
    }

    @Test
    void launchesNeverExceedTheVendorsBucket() {
        VendorPolicy bucketOfFive = quick().withAttempts(1)
                .withBudgets(new CallBudget(5, 0.001), new CallBudget(50, 5), new CallBudget(1_000, 1_000));
        ResilientProvisioner provisioner = new ResilientProvisioner(ec2, new VendorPolicy(bucketOfFive.launches(), bucketOfFive.writes(),
                bucketOfFive.reads(), bucketOfFive.callTimeout(), 1, bucketOfFive.firstBackoff(), bucketOfFive.maxBackoff(), Duration.ZERO,
                bucketOfFive.breakerWindow(), bucketOfFive.breakerFailurePercent(), bucketOfFive.breakerOpenFor()));
        for (int i = 0; i < 5; i++) {
            String orderId = newOrderId();
            provisioner.launch(request(orderId, false, ZONE_A), keyOf(orderId));
        }
        String sixth = newOrderId();

        assertThatThrownBy(() -> provisioner.launch(request(sixth, false, ZONE_A), keyOf(sixth)))
                .isInstanceOf(ProvisionException.class)
                .extracting(e -> ((ProvisionException) e).reason()).isEqualTo(ProvisionException.Reason.THROTTLED);
        assertThat(faults.sent("RunInstances")).isEqualTo(5);
        assertThat(instancesOf(sixth)).isEmpty();
    }
}
