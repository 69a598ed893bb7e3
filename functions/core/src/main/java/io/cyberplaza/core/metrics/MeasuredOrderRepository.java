package io.cyberplaza.core.metrics;

import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;

import java.util.List;
import java.util.Optional;

/** Counts every order that enters a state, at the one place every state change is written. */
public final class MeasuredOrderRepository implements OrderRepository {
    private final OrderRepository orders;
    private final Metrics metrics;

    public MeasuredOrderRepository(OrderRepository orders, Metrics metrics) {
        this.orders = orders;
        this.metrics = metrics;
    }

    @Override
    public void create(Order order) {
        orders.create(order);
        metrics.orderReached(order.state());
    }

    @Override
    public Optional<Order> find(String orderId) {
        return orders.find(orderId);
    }

    @Override
    public boolean replace(Order expected, Order next) {
        boolean replaced = orders.replace(expected, next);
        if (replaced && next.state() != expected.state()) metrics.orderReached(next.state());
        return replaced;
    }

    @Override
    public List<Order> findByOwner(String owner) {
        return orders.findByOwner(owner);
    }

    @Override
    public List<Order> findByState(OrderState state) {
        return orders.findByState(state);
    }
}
