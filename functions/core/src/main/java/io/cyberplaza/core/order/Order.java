package io.cyberplaza.core.order;

import java.time.Instant;
import java.util.Objects;

/**
 * A compute order as stored. Amounts are micro-USDC. {@code version} increases by one on every
 * write, so a conditional write on (state, version) detects any concurrent change.
 *
 * @param orderId      the escrow order id: 0x-prefixed 32-byte lower-case hex
 * @param owner        the buyer's wallet address, lower-case 0x hex
 * @param escrowAmount what the buyer must deposit: the estimate plus the contingency buffer
 * @param deposited    what the escrow holds for the order according to confirmed chain events
 * @param expiresAt    the funding deadline: an order not funded by then expires
 * @param resourceId   the provider's id of the launched resource, once launched
 * @param usage        present from the start of the run (or from the moment it is known it never ran)
 * @param couponId     the resource coupon that pays for the order instead of a deposit; null for an escrow order.
 *                     Such an order is FUNDED only by redeeming that coupon, never by a deposit, and its escrow
 *                     pays nobody: whatever someone deposits for it anyway is refunded at settlement.
 */
public record Order(
        String orderId,
        String owner,
        OrderState state,
        OrderTerms terms,
        Workload workload,
        long escrowAmount,
        long deposited,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt,
        String resourceId,
        Usage usage,
        String couponId,
        long version) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (escrowAmount <= 0) throw new IllegalArgumentException("escrowAmount must be positive");
        if (deposited < 0) throw new IllegalArgumentException("deposited must not be negative");
    }

    public static Order quoted(String orderId, String owner, OrderTerms terms, Workload workload, long escrowAmount,
                               Instant now, Instant expiresAt) {
        return new Order(orderId, owner, OrderState.QUOTED, terms, workload, escrowAmount, 0, now, expiresAt, now,
                null, null, null, 0);
    }

    /**
     * An order to be paid by {@code couponId}: QUOTED until the coupon is redeemed for it. Its escrow
     * amount is the quote's, what the coupon stands in for.
     */
    public static Order payableByCoupon(String orderId, String owner, OrderTerms terms, Workload workload, long escrowAmount,
                                        String couponId, Instant now, Instant expiresAt) {
        Objects.requireNonNull(couponId, "couponId");
        return new Order(orderId, owner, OrderState.QUOTED, terms, workload, escrowAmount, 0, now, expiresAt, now,
                null, null, couponId, 0);
    }

    public boolean isPaidByCoupon() {
        return couponId != null;
    }

    /** The unit-seconds the run used: what the provider metered, else its units times its wall time. */
    public long usedUnitSeconds() {
        if (usage == null) return 0;
        if (usage.meteredUnitSeconds() != null) return usage.meteredUnitSeconds();
        return Math.multiplyExact(usage.usedSeconds(), (long) terms.units());
    }

    /** The units each task of the order runs with: the terms hold them for every task together. */
    public int unitsPerTask() {
        return terms.units() / workload.plan().tasks();
    }

    /** Whether the deposits cover the escrow amount; says nothing of a coupon order, which deposits never fund. */
    public boolean isFunded() {
        return deposited >= escrowAmount;
    }

    /** The next version of this order in {@code target}; rejects moves the lifecycle forbids. */
    public Order moveTo(OrderState target, Instant now) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("order " + orderId + " cannot move from " + state + " to " + target);
        }
        return next(target, deposited, resourceId, usage, now);
    }

    public Order withDeposited(long newDeposited, Instant now) {
        return next(state, newDeposited, resourceId, usage, now);
    }

    public Order withResource(String newResourceId, Instant now) {
        return next(state, deposited, newResourceId, usage, now);
    }

    public Order withUsage(Usage newUsage, Instant now) {
        return next(state, deposited, resourceId, newUsage, now);
    }

    /** Several changes written as one step: the version rises by one from this order's. */
    public Order asNextVersionOf(Order previous) {
        return new Order(orderId, owner, state, terms, workload, escrowAmount, deposited, createdAt, expiresAt, updatedAt,
                resourceId, usage, couponId, previous.version() + 1);
    }

    private Order next(OrderState newState, long newDeposited, String newResourceId, Usage newUsage, Instant now) {
        return new Order(orderId, owner, newState, terms, workload, escrowAmount, newDeposited, createdAt, expiresAt, now,
                newResourceId, newUsage, couponId, version + 1);
    }
}
