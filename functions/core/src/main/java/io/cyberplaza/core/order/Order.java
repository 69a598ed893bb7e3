package io.cyberplaza.core.order;

import java.time.Instant;
import java.util.Objects;

/**
 * A compute order as stored. Amounts are micro-USDC (6 decimals). {@code version} increases by one
 * on every write, so a conditional write on (state, version) detects any concurrent change.
 *
 * @param orderId     the escrow order id: 0x-prefixed 32-byte hex
 * @param owner       the buyer's wallet address, lower-case 0x hex
 * @param escrowAmount what the buyer must deposit: estimate plus contingency
 * @param deposited   what the escrow holds for this order according to confirmed chain events
 */
public record Order(
        String orderId,
        String owner,
        String offerId,
        OrderState state,
        long escrowAmount,
        long deposited,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt,
        long version) {

    public Order {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (escrowAmount <= 0) throw new IllegalArgumentException("escrowAmount must be positive");
        if (deposited < 0) throw new IllegalArgumentException("deposited must not be negative");
    }

    public static Order quoted(String orderId, String owner, String offerId, long escrowAmount,
                               Instant now, Instant expiresAt) {
        return new Order(orderId, owner, offerId, OrderState.QUOTED, escrowAmount, 0, now, expiresAt, now, 0);
    }

    /** The next version of this order in {@code target}; rejects moves the lifecycle forbids. */
    public Order moveTo(OrderState target, Instant now) {
        if (!state.canMoveTo(target)) {
            throw new IllegalStateException("order " + orderId + " cannot move from " + state + " to " + target);
        }
        return new Order(orderId, owner, offerId, target, escrowAmount, deposited, createdAt, expiresAt, now, version + 1);
    }

    public Order withDeposited(long newDeposited, Instant now) {
        return new Order(orderId, owner, offerId, state, escrowAmount, newDeposited, createdAt, expiresAt, now, version + 1);
    }
}
