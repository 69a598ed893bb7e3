package io.cyberplaza.core.order;

import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.queue.WorkQueue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Expires orders whose funding window closed. The grace period covers a deposit made just before
 * the deadline that is still waiting for its confirmations: its block time was in time.
 * A partly funded order that expires is settled with a full refund. A coupon order whose coupon was
 * redeemed for it is funded instead.
 */
public final class OrderExpiry {
    public static final Duration CONFIRMATION_GRACE = Duration.ofMinutes(3);

    private final OrderRepository orders;
    private final OrderUpdater updater;
    private final WorkQueue queue;
    private final Clock clock;
    private final Duration grace;
    private final CapacityLedger capacity;
    private final CouponPayments coupons;
    private final CouponFunding couponFunding;

    public OrderExpiry(OrderRepository orders, WorkQueue queue, Clock clock) {
        this(orders, queue, CapacityLedger.UNLIMITED, CouponPayments.NONE, clock, CONFIRMATION_GRACE);
    }

    public OrderExpiry(OrderRepository orders, WorkQueue queue, CapacityLedger capacity, CouponPayments coupons, Clock clock,
                       Duration grace) {
        this.orders = orders;
        this.capacity = capacity;
        this.coupons = coupons;
        this.couponFunding = new CouponFunding(orders, coupons, queue);
        this.updater = new OrderUpdater(orders);
        this.queue = queue;
        this.clock = clock;
        this.grace = grace;
    }

    /** @return how many orders expired in this run */
    public int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (Order candidate : orders.findByState(OrderState.QUOTED)) {
            if (now.isBefore(candidate.expiresAt().plus(grace))) continue;
            Optional<Order> stored = updater.update(candidate.orderId(), order -> {
                if (order.state() != OrderState.QUOTED) return Optional.empty();
                // The buyer's request redeemed the coupon and stopped before funding the order: it is paid.
                if (order.isPaidByCoupon() && coupons.isRedeemedFor(order.couponId(), order.orderId())) {
                    return Optional.of(order.moveTo(OrderState.FUNDED, now));
                }
                Order gone = order.moveTo(OrderState.EXPIRED, now);
                return Optional.of(gone.deposited() > 0
                        ? gone.withUsage(Usage.neverStarted(now), now).moveTo(OrderState.SETTLING, now) : gone);
            });
            stored.ifPresent(couponFunding::followCoupon);
            if (stored.isPresent() && stored.get().updatedAt().equals(now) && stored.get().state() != OrderState.FUNDED) expired++;
            // Unpaid: its capacity goes back to the offer (a paid one gives back the unused part at settlement).
            if (stored.map(Order::state).orElse(null) == OrderState.EXPIRED) capacity.settle(candidate.terms().offerId(), candidate.orderId(), 0);
            if (stored.map(Order::state).orElse(null) == OrderState.SETTLING) {
                queue.send(WorkQueue.Topic.SETTLE, candidate.orderId(), "settle:" + candidate.orderId());
            }
        }
        return expired;
    }
}
