package io.cyberplaza.core.order;

import java.util.ConcurrentModificationException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read, decide, conditionally write; on a lost race read again and decide again. Every use case
 * changes orders through this, so no change is ever applied on top of a stale read.
 */
public final class OrderUpdater {
    private static final int MAX_ATTEMPTS = 16;

    private final OrderRepository orders;

    public OrderUpdater(OrderRepository orders) {
        this.orders = orders;
    }

    /**
     * Applies {@code change} to the stored order. The change returns the order it wants stored, or
     * empty to leave it as it is; it may run more than once, so it must only compute.
     *
     * @return the stored order afterwards, or empty if there is no such order
     */
    public Optional<Order> update(String orderId, Function<Order, Optional<Order>> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Order> current = orders.find(orderId);
            if (current.isEmpty()) return Optional.empty();
            Optional<Order> wanted = change.apply(current.get());
            if (wanted.isEmpty()) return current;
            Order next = wanted.get().asNextVersionOf(current.get());
            if (orders.replace(current.get(), next)) return Optional.of(next);
        }
        throw new ConcurrentModificationException("order " + orderId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }
}
