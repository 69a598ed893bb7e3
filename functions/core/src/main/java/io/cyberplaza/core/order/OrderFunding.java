package io.cyberplaza.core.order;

import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.escrow.EscrowAccounts;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the escrow's money does to orders (the router has recorded the deposit or the settlement).
 *
 * <ul>
 *   <li>Deposits changed: the order's deposit becomes the ledger's total for it. A quoted order whose
 *       deposit now covers the escrow amount is FUNDED (an over-payment is refunded at settlement);
 *       an under-funded one waits for a top-up; a deposit to an order that already EXPIRED is refunded
 *       in full; a reorg that takes a funding deposit away before provisioning unfunds it.</li>
 *   <li>Settled: the order is SETTLED; a reorg of the settlement makes it SETTLING again.</li>
 *   <li>Reclaimed: the owner took the money back, so the order is RECLAIMED whatever it was doing; the
 *       resource, if any, is no longer any live order's and is stopped.</li>
 * </ul>
 * Queue messages are sent from the resulting state every time, not only on the transition, so a
 * crash between the write and the send is repaired by the event's redelivery.
 */
public final class OrderFunding implements EscrowAccounts {
    private static final Logger log = LoggerFactory.getLogger(OrderFunding.class);

    /** Stops an order's resource for good (the provisioner's terminate). */
    public interface ResourceStop {
        ResourceStop NONE = order -> { };

        void stop(Order order);
    }

    private final OrderRepository repository;
    private final OrderUpdater orders;
    private final WorkQueue queue;
    private final Metrics metrics;
    private final ResourceStop resources;
    private final CapacityLedger capacity;
    private final Clock clock;

    public OrderFunding(OrderRepository orders, WorkQueue queue, Metrics metrics, ResourceStop resources, Clock clock) {
        this(orders, queue, metrics, resources, CapacityLedger.UNLIMITED, clock);
    }

    public OrderFunding(OrderRepository orders, WorkQueue queue, Metrics metrics, ResourceStop resources, CapacityLedger capacity,
                        Clock clock) {
        this.capacity = capacity;
        this.repository = orders;
        this.orders = new OrderUpdater(orders);
        this.metrics = metrics;
        this.queue = queue;
        this.resources = resources;
        this.clock = clock;
    }

    @Override
    public Optional<String> ownerOf(String orderId) {
        return repository.find(orderId).map(Order::owner);
    }

    @Override
    public void depositsChanged(String orderId, long total) {
        Instant now = clock.instant();
        Optional<Order> stored = orders.update(orderId, order -> Optional.of(order)
                .filter(o -> o.deposited() != total || fundingChanges(o, total))
                .map(o -> afterDeposit(o.withDeposited(total, now), now)));
        if (stored.isEmpty()) return;
        Order order = stored.get();
        log.info("confirmed deposits total {} of {} micro-USDC; order is {}", total, order.escrowAmount(), order.state());
        if (order.state() == OrderState.FUNDED) queue.send(WorkQueue.Topic.PROVISION, orderId, "provision:" + orderId);
        if (order.state() == OrderState.SETTLING) queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId);
    }

    private static boolean fundingChanges(Order order, long total) {
        return (order.state() == OrderState.QUOTED && total >= order.escrowAmount())
                || (order.state() == OrderState.FUNDED && total < order.escrowAmount())
                || (order.state() == OrderState.EXPIRED && total > 0);
    }

    private static Order afterDeposit(Order order, Instant now) {
        return switch (order.state()) {
            // A coupon order is funded by its coupon alone: were a deposit enough, an order whose coupon
            // was used elsewhere could run on a deposit that settlement then refunds in full.
            case QUOTED -> order.isFunded() && !order.isPaidByCoupon() ? order.moveTo(OrderState.FUNDED, now) : order;
            case FUNDED -> order.isFunded() || order.isPaidByCoupon() ? order : order.moveTo(OrderState.QUOTED, now);
            // Late: the funding window had closed. Everything goes back to the payer.
            case EXPIRED -> order.deposited() > 0
                    ? order.withUsage(Usage.neverStarted(now), now).moveTo(OrderState.SETTLING, now) : order;
            default -> order; // a top-up while running: more time the escrow can pay for
        };
    }

    @Override
    public void settled(String orderId) {
        // The change may be decided more than once (lost races); the last decision is the one stored.
        boolean[] settledNow = {false};
        Optional<Order> settled = orders.update(orderId, order -> {
            settledNow[0] = order.state() == OrderState.SETTLING;
            return settledNow[0] ? Optional.of(order.moveTo(OrderState.SETTLED, clock.instant())) : Optional.empty();
        });
        if (settledNow[0]) {
            settled.filter(o -> o.usage() != null && o.usage().endedAt() != null)
                    .ifPresent(o -> metrics.settlementConfirmed(Duration.between(o.usage().endedAt(), o.updatedAt())));
        }
        log.info("settlement confirmed on chain; order settled");
    }

    @Override
    public void unsettled(String orderId) {
        Optional<Order> order = orders.update(orderId, o -> o.state() == OrderState.SETTLED
                ? Optional.of(o.moveTo(OrderState.SETTLING, clock.instant())) : Optional.empty());
        order.filter(o -> o.state() == OrderState.SETTLING)
                .ifPresent(o -> queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId + ":reorg"));
    }

    @Override
    public void reclaimed(String orderId, long amount) {
        Instant now = clock.instant();
        Optional<Order> closed = changedByThisCall(orderId, o -> o.state().canMoveTo(OrderState.RECLAIMED)
                ? Optional.of(o.withUsage(o.usage() == null ? Usage.neverStarted(now) : o.usage().endedBy(EndReason.RECLAIMED, now), now)
                        .moveTo(OrderState.RECLAIMED, now))
                : Optional.empty());
        stopAgainIfClosed(orderId, closed);
        if (closed.isEmpty()) return;
        Order order = closed.get();
        boolean ran = order.resourceId() != null;
        metrics.alert(ran ? "order-reclaimed-after-compute" : "order-reclaimed");
        log.warn("the owner reclaimed {} micro-USDC on chain; order closed as RECLAIMED{}", amount,
                ran ? ", its resource stopped after compute had run unpaid" : "");
    }

    /**
     * The escrow no longer holds the order's money, so nothing more may run on it: the resource is
     * stopped and the order waits, DISPUTED, for the resolution of the frozen payout (RESOLVED then,
     * as any dispute). A settlement that paid no provider froze nothing and refunded everything: the
     * order is RESOLVED at once. A settlement of the platform's own still pending is skipped on chain.
     */
    @Override
    public void settledWithoutUs(String orderId, long payout) {
        Instant now = clock.instant();
        Optional<Order> taken = changedByThisCall(orderId, o -> o.state() != OrderState.SETTLED && o.state().canMoveTo(OrderState.DISPUTED)
                ? Optional.of(o.withUsage(endedByRogueSettlement(o.usage(), now), now).moveTo(OrderState.DISPUTED, now))
                : Optional.empty());
        if (payout == 0) {
            orders.update(orderId, o -> o.state() == OrderState.DISPUTED && o.usage() != null
                    && o.usage().endReason() == EndReason.ROGUE_SETTLEMENT ? Optional.of(o.moveTo(OrderState.RESOLVED, now)) : Optional.empty());
        }
        stopAgainIfClosed(orderId, taken);
        taken.ifPresent(order -> log.error("a settlement the platform never made took the order's escrow; order {}{}",
                payout == 0 ? "RESOLVED (all refunded)" : "DISPUTED", order.resourceId() != null ? ", its resource stopped" : ""));
    }

    /**
     * Stops the resource of an order this call closed, and again on a redelivery when the order is
     * still closed: a stop that failed the first time (the vendor down) must not be forgotten, and
     * stopping a stopped resource does nothing.
     */
    private void stopAgainIfClosed(String orderId, Optional<Order> changedNow) {
        Order order = changedNow.orElseGet(() -> orders.update(orderId, o -> Optional.empty()).orElse(null));
        if (order == null) return;
        if (changedNow.isPresent() || order.state() == OrderState.RECLAIMED || order.state() == OrderState.DISPUTED
                || order.state() == OrderState.RESOLVED && order.usage() != null && order.usage().endReason() == EndReason.ROGUE_SETTLEMENT) {
            if (order.resourceId() != null) resources.stop(order);
            // Closed without the platform's settlement, which is where a run gives back what it did not use: done here
            // instead, or the offer's window stays reserved for a run that is over (repeating it changes nothing).
            capacity.settle(order.terms().offerId(), orderId, order.usedUnitSeconds());
        }
    }

    /**
     * The order as this call stored it, or empty when it left the order as it was: a redelivered
     * event must not stop a resource or raise an alert twice.
     */
    private Optional<Order> changedByThisCall(String orderId, java.util.function.Function<Order, Optional<Order>> change) {
        boolean[] changed = {false};
        Optional<Order> stored = orders.update(orderId, order -> {
            Optional<Order> next = change.apply(order);
            changed[0] = next.isPresent();
            return next;
        });
        return changed[0] ? stored : Optional.empty();
    }

    /** A run still going ends now for this reason; one that had already ended keeps its own. */
    private static Usage endedByRogueSettlement(Usage usage, Instant now) {
        if (usage == null) return Usage.neverStarted(now).endedBy(EndReason.ROGUE_SETTLEMENT, now);
        return usage.endedAt() == null ? usage.endedBy(EndReason.ROGUE_SETTLEMENT, now) : usage;
    }
}
