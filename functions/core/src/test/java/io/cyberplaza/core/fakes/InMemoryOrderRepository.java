package io.cyberplaza.core.fakes;

import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The Orders port in memory, with the same conditional-write semantics as the real tables. */
public final class InMemoryOrderRepository implements OrderRepository {
    private final ConcurrentMap<String, Order> orders = new ConcurrentHashMap<>();

    @Override
    public void create(Order order) {
        if (orders.putIfAbsent(order.orderId(), order) != null) {
            throw new ConditionFailedException("order " + order.orderId() + " exists");
        }
    }

    @Override
    public Optional<Order> find(String orderId) {
        return Optional.ofNullable(orders.get(orderId));
    }

    @Override
    public boolean replace(Order expected, Order next) {
        if (next.version() != expected.version() + 1) throw new IllegalArgumentException("version must advance by one");
        boolean[] replaced = {false};
        orders.computeIfPresent(expected.orderId(), (id, stored) -> {
            if (stored.state() == expected.state() && stored.version() == expected.version()) {
                replaced[0] = true;
                return next;
            }
            return stored;
        });
        return replaced[0];
    }

    @Override
    public List<Order> findByOwner(String owner) {
        return orders.values().stream().filter(o -> o.owner().equals(owner))
                .sorted(Comparator.comparing(Order::createdAt)).toList();
    }

    @Override
    public List<Order> findByState(OrderState state) {
        return orders.values().stream().filter(o -> o.state() == state)
                .sorted(Comparator.comparing(Order::updatedAt)).toList();
    }
}
