package io.cyberplaza.provisioner.aws;

import io.cyberplaza.core.contract.OrderRepositoryContract;
import io.cyberplaza.core.fakes.InMemoryInstanceRepository;
import io.cyberplaza.core.fakes.InMemoryOrderRepository;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.run.LeakReconciler;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.MachineSpec;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Deliberately leaked EC2 instances on moto: the reconciler ends them and leaves live orders' machines alone. */
class LeakReconcilerOnMotoTest {
    private static final String ENV = "leaks";

    private static MotoServer moto;
    private static Ec2Client admin;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start(Path.of("target", "moto-leaks.log"));
        admin = Ec2Client.builder().region(Region.US_EAST_1).endpointOverride(moto.endpoint()).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
    }

    @AfterAll
    static void stopMoto() {
        if (admin != null) admin.close();
        if (moto != null) moto.close();
    }

    private String state(String resourceId) {
        String instanceId = resourceId.substring(resourceId.indexOf('/') + 1);
        return admin.describeInstances(r -> r.instanceIds(instanceId)).reservations().getFirst().instances().getFirst().state().nameAsString();
    }

    /** An instance tagged as this deployment's, started behind the platform's back (no order records it). */
    private String leakFor(String orderId) {
        String id = admin.runInstances(r -> r.imageId("ami-760aaa0f").instanceType("t3.micro").minCount(1).maxCount(1)
                .tagSpecifications(t -> t.resourceType("instance").tags(Tag.builder().key(Ec2Provisioner.ORDER_TAG).value(orderId).build(),
                        Tag.builder().key(Ec2Provisioner.ENV_TAG).value(ENV).build()))).instances().getFirst().instanceId();
        return "us-east-1/" + id;
    }

    @Test
    void leakedInstancesAreTerminatedAndConfirmedWhileLiveOrdersKeepTheirs() {
        Ec2Provisioner ec2 = new Ec2Provisioner(new Ec2Settings(ENV, List.of("us-east-1"), Map.of(), moto.endpoint(), List.of()));
        InMemoryOrderRepository orders = new InMemoryOrderRepository();
        InMemoryInstanceRepository instances = new InMemoryInstanceRepository();
        Instant now = Instant.now();

        // A live order on its machine, launched the platform's way.
        Order quoted = Order.quoted(OrderRepositoryContract.randomOrderId(), "0x00000000000000000000000000000000000000a1",
                OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD, 12_000_000L, now, now.plusSeconds(1_800));
        orders.create(quoted);
        Resource live = ec2.launch(new LaunchRequest(quoted.orderId(), "aws-t3-micro", "ami-760aaa0f", Map.of(), 1, Duration.ofHours(1),
                Map.of(Ec2Provisioner.ORDER_TAG, quoted.orderId(), Ec2Provisioner.ENV_TAG, ENV),
                new MachineSpec("t3.micro", false, List.of("us-east-1a")), "us-east-1a"), "order-live-" + quoted.orderId().substring(2, 20));
        Order running = quoted.withDeposited(12_000_000L, now).moveTo(OrderState.FUNDED, now).moveTo(OrderState.PROVISIONING, now)
                .moveTo(OrderState.RUNNING, now).withResource(live.resourceId(), now).withUsage(Usage.running(now), now).asNextVersionOf(quoted);
        orders.replace(quoted, running);
        instances.recordLaunch(Instance.launched(live.resourceId(), Ec2Provisioner.KIND, running.orderId(), live.status(), now));

        // Leaks: a second machine of the live order, and machines of orders that are over or never existed.
        List<String> leaked = new ArrayList<>();
        leaked.add(leakFor(running.orderId()));
        for (int i = 0; i < 5; i++) leaked.add(leakFor(OrderRepositoryContract.randomOrderId()));
        for (String resourceId : leaked) {
            instances.recordLaunch(Instance.launched(resourceId, Ec2Provisioner.KIND, running.orderId(), live.status(), now));
        }

        Clock afterGrace = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16));
        LeakReconciler reconciler = new LeakReconciler(new Provisioners(List.of(new ResilientProvisioner(ec2, Ec2Vendor.POLICY))),
                orders, instances, afterGrace, Duration.ofMinutes(15));
        assertThat(new LeakReconciler(new Provisioners(List.of(ec2)), orders, instances, Clock.systemUTC(), Duration.ofMinutes(15))
                .reconcile().leaked()).as("within the grace period nothing is touched").isZero();

        LeakReconciler.Report report = reconciler.reconcile();

        assertThat(report.leaked()).isEqualTo(6);
        assertThat(report.confirmed()).isEqualTo(6);
        assertThat(leaked).allSatisfy(id -> {
            assertThat(state(id)).isIn("shutting-down", "terminated");
            assertThat(instances.find(id)).isEmpty();
        });
        assertThat(state(live.resourceId())).isEqualTo("running");
        assertThat(instances.find(live.resourceId())).isPresent();
        assertThat(reconciler.reconcile().leaked()).as("terminated machines are not leaks again").isZero();
    }
}
