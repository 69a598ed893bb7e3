package io.cyberplaza.core.run;

import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.money.Billing;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.settlement.SettlementCalculator;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The meter schedule: reads each running order's usage from its provider, warns once when the
 * cost passes 80 % of the escrow, and ends the order when the purchased time is used, the escrow can
 * pay for no more, or the provider reports the resource finished, failed or gone.
 */
public final class MeterService {
    private static final Logger log = LoggerFactory.getLogger(MeterService.class);
    public static final int WARN_PERCENT = 80;
    /** How long a scheduler's order may wait in its queue beyond running every task one after another. */
    public static final Duration QUEUE_ALLOWANCE = Duration.ofHours(1);

    /** {@code deferred}: orders whose reading failed this time (a vendor unreachable); the next run reads them again. */
    public record MeterReport(int metered, int warned, int completed, int deferred) {
    }

    private final OrderRepository repository;
    private final OrderUpdater orders;
    private final Provisioners provisioners;
    private final CompletionService completion;
    private final Clock clock;

    public MeterService(OrderRepository orders, Provisioners provisioners, CompletionService completion, Clock clock) {
        this.repository = orders;
        this.orders = new OrderUpdater(orders);
        this.provisioners = provisioners;
        this.completion = completion;
        this.clock = clock;
    }

    public MeterReport meterAll() {
        int metered = 0, warned = 0, completed = 0, deferred = 0;
        RuntimeException fault = null;
        for (Order order : repository.findByState(OrderState.RUNNING)) {
            Outcome outcome;
            try (var correlated = Correlation.order(order.orderId())) {
                outcome = meter(order);
            } catch (RuntimeException e) {
                // One order whose vendor cannot be read (or whose row is odd) never keeps the others unmetered.
                if (e instanceof ProvisionException p) {
                    log.warn("order {} not metered this time ({}: {})", order.orderId(), p.reason(), p.getMessage());
                } else if (fault == null) {
                    fault = e;
                } else {
                    fault.addSuppressed(e);
                }
                deferred++;
                continue;
            }
            switch (outcome) {
                case WARNED -> warned++;
                case COMPLETED -> completed++;
                default -> { }
            }
            metered++;
        }
        // Anything but a vendor's refusal is a fault to see: reported once the others have been metered.
        if (fault != null) throw fault;
        return new MeterReport(metered, warned, completed, deferred);
    }

    enum Outcome { METERED, WARNED, COMPLETED }

    private Outcome meter(Order order) {
        Instant now = clock.instant();
        Optional<Resource> resource = provisioners.forKind(order.terms().provisioner()).describe(order.resourceId());
        if (resource.isEmpty() || !resource.get().status().isActive()) {
            // A provider stops a workload at its purchased time itself, often a moment before this meter looks:
            // a resource that ran its whole time ended because the time was up, not because it was lost.
            boolean ranItsTime = resource.isPresent() && resource.get().unitSeconds() == null
                    && resource.get().usedSeconds() >= order.terms().purchasedSeconds();
            EndReason reason = ranItsTime ? EndReason.TIME_UP : resource.map(r -> r.status() == ResourceStatus.FAILED
                    ? EndReason.RESOURCE_FAILED : EndReason.RESOURCE_GONE).orElse(EndReason.RESOURCE_GONE);
            completion.complete(order.orderId(), reason);
            return Outcome.COMPLETED;
        }
        long used = resource.get().usedSeconds() > 0 ? resource.get().usedSeconds()
                : Duration.between(order.usage().startedAt(), now).toSeconds();
        long lost = Math.min(used, resource.get().lostSeconds());
        Long metered = resource.get().unitSeconds();
        if (metered != null) {
            // A scheduler's tasks queue and run side by side: the order's wall time says nothing of what it used,
            // and each task's own limit is the scheduler's to keep. The budget is in unit-seconds.
            long purchased = Math.multiplyExact(order.terms().purchasedSeconds(), (long) order.terms().units());
            long affordableUnitSeconds = order.isPaidByCoupon() ? purchased
                    : Billing.secondsAffordable(order.deposited(), order.terms().pricePerHour(), 1);
            // Tasks one after another, each its whole time, is the longest an order can honestly take: past it (tasks held
            // in the queue) it ends, so it is settled long before its owner may reclaim the escrow.
            long longest = Math.multiplyExact(order.terms().purchasedSeconds(), (long) order.workload().plan().tasks())
                    + QUEUE_ALLOWANCE.toSeconds();
            if (metered >= purchased || Duration.between(order.usage().startedAt(), now).toSeconds() >= longest) {
                completion.complete(order.orderId(), EndReason.TIME_UP);
                return Outcome.COMPLETED;
            }
            if (metered >= affordableUnitSeconds) {
                completion.complete(order.orderId(), EndReason.ESCROW_EXHAUSTED);
                return Outcome.COMPLETED;
            }
        } else {
            // A coupon paid for the whole purchased time up front; an escrow order runs as long as its deposit lasts.
            long affordable = order.isPaidByCoupon() ? order.terms().purchasedSeconds()
                    : Billing.secondsAffordable(order.deposited(), order.terms().pricePerHour(), order.terms().units());
            if (used >= order.terms().purchasedSeconds()) {
                completion.complete(order.orderId(), EndReason.TIME_UP);
                return Outcome.COMPLETED;
            }
            if (used - lost >= affordable) {
                completion.complete(order.orderId(), EndReason.ESCROW_EXHAUSTED);
                return Outcome.COMPLETED;
            }
        }
        long before = SettlementCalculator.cost(order);
        Optional<Order> updated = orders.update(order.orderId(), o -> o.state() == OrderState.RUNNING
                ? Optional.of(o.withUsage(o.usage().measured(used, lost, metered), now)) : Optional.empty());
        long after = updated.map(SettlementCalculator::cost).orElse(before);
        long threshold = Billing.percentOf(order.deposited(), WARN_PERCENT);
        // Warn on crossing the line, so the warning is given once without storing that it was.
        if (before < threshold && after >= threshold) {
            log.warn("order {} has used {} of its {} USDC escrow: top up to keep it running", order.orderId(),
                    Billing.format(after), Billing.format(order.deposited()));
            return Outcome.WARNED;
        }
        return Outcome.METERED;
    }
}
