package io.cyberplaza.store.document;

import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DocumentOrderRepository implements OrderRepository {
    private final DocumentTable<Order> orders;

    DocumentOrderRepository(DocumentStore store, String collection) {
        this.orders = new DocumentTable<>(store, collection, Order.class, order -> DocumentTable.single(order.orderId()),
                order -> Map.of("owner", order.owner(), "state", order.state().name()));
    }

    @Override
    public void create(Order order) {
        if (!orders.create(order)) throw new ConditionFailedException("order " + order.orderId() + " exists");
    }

    @Override
    public Optional<Order> find(String orderId) {
        return orders.find(DocumentTable.single(orderId));
    }

    @Override
    public boolean replace(Order expected, Order next) {
        if (next.version() != expected.version() + 1) throw new IllegalArgumentException("version must advance by one");
        return orders.replaceIf(DocumentTable.single(expected.orderId()),
                stored -> stored.state() == expected.state() && stored.version() == expected.version(), next);
    }

    @Override
    public List<Order> findByOwner(String owner) {
        return orders.where("owner", owner).stream().sorted(Comparator.comparing(Order::createdAt)).toList();
    }

    @Override
    public List<Order> findByState(OrderState state) {
        return orders.where("state", state.name()).stream().sorted(Comparator.comparing(Order::updatedAt)).toList();
    }
}
