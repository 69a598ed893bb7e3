package io.cyberplaza.core.order;

import io.cyberplaza.core.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * A coupon order follows its coupon, which lives in another table: the order is FUNDED once the
 * coupon is redeemed for it, and a coupon redeemed for an order that expired meanwhile goes back to
 * its owner. Whichever of the two writes comes second repairs the pair, so no interleaving of the
 * buyer's request and the expiry run leaves a coupon spent on an order that never runs.
 */
final class CouponFunding {
    private static final Logger log = LoggerFactory.getLogger(CouponFunding.class);

    private final OrderUpdater orders;
    private final CouponPayments coupons;
    private final WorkQueue queue;

    CouponFunding(OrderRepository orders, CouponPayments coupons, WorkQueue queue) {
        this.orders = new OrderUpdater(orders);
        this.coupons = coupons;
        this.queue = queue;
    }

    /** Call once the coupon is redeemed for the order. */
    Optional<Order> fund(String orderId, Instant now) {
        Optional<Order> stored = orders.update(orderId, o -> o.state() == OrderState.QUOTED && o.isPaidByCoupon()
                ? Optional.of(o.moveTo(OrderState.FUNDED, now)) : Optional.empty());
        stored.ifPresent(this::followCoupon);
        return stored;
    }

    /** Call once the order is stored; sends its launch, or gives back a coupon an expired order holds. */
    void followCoupon(Order order) {
        if (!order.isPaidByCoupon()) return;
        if (order.state() == OrderState.FUNDED) {
            queue.send(WorkQueue.Topic.PROVISION, order.orderId(), "provision:" + order.orderId());
        } else if (order.state() == OrderState.EXPIRED) {
            coupons.release(order.couponId(), order.orderId());
            log.info("order expired before its coupon was redeemed for it; the coupon is its owner's again");
        }
    }
}
