package io.cyberplaza.core.run;

import io.cyberplaza.core.contract.OrderRepositoryContract;
import io.cyberplaza.core.fakes.FakeProvisioner;
import io.cyberplaza.core.fakes.InMemoryInstanceRepository;
import io.cyberplaza.core.fakes.InMemoryOrderRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LeakReconcilerTest {
    private static final Duration GRACE = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final FakeProvisioner provider = new FakeProvisioner(clock).asCloud();
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemoryInstanceRepository instances = new InMemoryInstanceRepository();
    private final LeakReconciler reconciler = new LeakReconciler(new Provisioners(List.of(provider)), orders, instances, clock, GRACE);

    private Order orderIn(OrderState... path) {
        Order quoted = Order.quoted(OrderRepositoryContract.randomOrderId(), "0x00000000000000000000000000000000000000a1",
                OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD, 12_000_000L, clock.instant(), clock.instant().plusSeconds(1_800));
        orders.create(quoted);
        Order order = quoted.withDeposited(12_000_000L, clock.instant());
        for (OrderState state : path) order = order.moveTo(state, clock.instant());
        Order next = order.asNextVersionOf(quoted);
        orders.replace(quoted, next);
        return next;
    }

    private Resource launchedFor(Order order) {
        Resource resource = provider.leak(order.orderId());
        instances.recordLaunch(Instance.launched(resource.resourceId(), provider.kind(), order.orderId(), resource.status(), clock.instant()));
        return resource;
    }

    private void own(Order order, Resource resource) {
        new OrderUpdater(orders).update(order.orderId(), o -> Optional.of(o.withResource(resource.resourceId(), clock.instant())
                .withUsage(Usage.running(clock.instant()), clock.instant())));
    }

    private ResourceStatus statusOf(Resource resource) {
        return provider.describe(resource.resourceId()).orElseThrow().status();
    }

    @Test
    void machinesNoLiveOrderOwnsAreTerminatedAfterTheGracePeriodAndTheirRecordsDropped() {
        Order settled = orderIn(OrderState.FUNDED, OrderState.PROVISIONING, OrderState.SETTLING, OrderState.SETTLED);
        Resource forgotten = launchedFor(settled);
        Order running = orderIn(OrderState.FUNDED, OrderState.PROVISIONING, OrderState.RUNNING);
        Resource owned = launchedFor(running);
        own(running, owned);
        Resource secondMachine = launchedFor(running);
        Resource ofNoOrder = launchedFor(orderIn());

        assertThat(reconciler.reconcile().leaked()).as("nothing before the grace period").isZero();
        clock.advance(GRACE.plusSeconds(1));
        LeakReconciler.Report report = reconciler.reconcile();

        assertThat(report.owned()).isEqualTo(4);
        assertThat(statusOf(forgotten)).isEqualTo(ResourceStatus.TERMINATED);
        assertThat(statusOf(secondMachine)).isEqualTo(ResourceStatus.TERMINATED);
        assertThat(statusOf(owned)).isEqualTo(ResourceStatus.RUNNING);
        assertThat(instances.find(forgotten.resourceId())).isEmpty();
        assertThat(instances.find(secondMachine.resourceId())).isEmpty();
        assertThat(instances.find(owned.resourceId())).isPresent();
        // The QUOTED order's machine: an order that was never funded owns nothing.
        assertThat(statusOf(ofNoOrder)).isEqualTo(ResourceStatus.TERMINATED);
        assertThat(report.leaked()).isEqualTo(3);
        assertThat(report.confirmed()).isEqualTo(3);
        assertThat(reconciler.reconcile().leaked()).as("a second run finds nothing more").isZero();
    }

    @Test
    void machinesOfOrdersStillLaunchingAreLeftAlone() {
        Order provisioning = orderIn(OrderState.FUNDED, OrderState.PROVISIONING);
        Resource launching = launchedFor(provisioning);
        clock.advance(GRACE.multipliedBy(3));

        assertThat(reconciler.reconcile().leaked()).isZero();
        assertThat(statusOf(launching)).isEqualTo(ResourceStatus.RUNNING);
    }

    @Test
    void aTerminationTheVendorRefusedKeepsTheRecordForTheNextRun() {
        Order settled = orderIn(OrderState.FUNDED, OrderState.PROVISIONING, OrderState.SETTLING, OrderState.SETTLED);
        Resource leaked = launchedFor(settled);
        clock.advance(GRACE.plusSeconds(1));
        provider.failNextStop(new ProvisionException(ProvisionException.Reason.THROTTLED, "slow down"));

        assertThat(reconciler.reconcile().confirmed()).isZero();
        assertThat(instances.find(leaked.resourceId())).isPresent();
        assertThat(statusOf(leaked)).isEqualTo(ResourceStatus.RUNNING);

        assertThat(reconciler.reconcile().confirmed()).isEqualTo(1);
        assertThat(instances.find(leaked.resourceId())).isEmpty();
    }
}
