package io.cyberplaza.core.order;

import java.util.List;
import java.util.Optional;

/** Port: the Orders table. */
public interface OrderRepository {

    /** Inserts a new order; fails with ConditionFailedException if the id is taken. */
    void create(Order order);

    Optional<Order> find(String orderId);

    /**
     * Replaces {@code expected} by {@code next} only if the stored order still has expected's state
     * and version; {@code next.version()} must be {@code expected.version() + 1}.
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean replace(Order expected, Order next);

    List<Order> findByOwner(String owner);

    List<Order> findByState(OrderState state);
}
