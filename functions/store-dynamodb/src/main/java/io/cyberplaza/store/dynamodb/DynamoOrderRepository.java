package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.order.Workload;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.store.dynamodb.item.OrderItem;
import io.cyberplaza.store.dynamodb.item.MachineItem;
import io.cyberplaza.store.dynamodb.item.OrderTermsItem;
import io.cyberplaza.store.dynamodb.item.TaskPlanItem;
import io.cyberplaza.store.dynamodb.item.UsageItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DynamoOrderRepository implements OrderRepository {
    static final TableSchema<OrderItem> SCHEMA = TableSchema.fromBean(OrderItem.class);

    private final DynamoDbTable<OrderItem> table;

    DynamoOrderRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void create(Order order) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(OrderItem.class).item(toItem(order))
                    .conditionExpression(Conditions.notExists("orderId")).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConditionFailedException("order " + order.orderId() + " exists", e);
        }
    }

    @Override
    public Optional<Order> find(String orderId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(orderId).build()).consistentRead(true)))
                .map(DynamoOrderRepository::toOrder);
    }

    @Override
    public boolean replace(Order expected, Order next) {
        if (next.version() != expected.version() + 1) throw new IllegalArgumentException("version must advance by one");
        try {
            table.putItem(PutItemEnhancedRequest.builder(OrderItem.class).item(toItem(next))
                    .conditionExpression(Conditions.attributeAndVersionAre("state", expected.state().name(), expected.version()))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public List<Order> findByOwner(String owner) {
        return table.index("byOwner").query(QueryConditional.keyEqualTo(k -> k.partitionValue(owner))).stream()
                .flatMap(page -> page.items().stream()).map(DynamoOrderRepository::toOrder).toList();
    }

    @Override
    public List<Order> findByState(OrderState state) {
        return table.index("byState").query(QueryConditional.keyEqualTo(k -> k.partitionValue(state.name()))).stream()
                .flatMap(page -> page.items().stream()).map(DynamoOrderRepository::toOrder).toList();
    }

    private static OrderItem toItem(Order order) {
        OrderItem item = new OrderItem();
        item.setOrderId(order.orderId());
        item.setOwner(order.owner());
        item.setState(order.state().name());
        item.setTerms(toItem(order.terms()));
        item.setTemplate(order.workload().template());
        item.setParameters(order.workload().parameters());
        item.setPlan(TaskPlanItem.of(order.workload().plan()));
        item.setEscrowAmount(order.escrowAmount());
        item.setDeposited(order.deposited());
        item.setCreatedAt(order.createdAt().toEpochMilli());
        item.setExpiresAt(order.expiresAt().toEpochMilli());
        item.setUpdatedAt(order.updatedAt().toEpochMilli());
        item.setResourceId(order.resourceId());
        item.setCouponId(order.couponId());
        item.setUsage(order.usage() == null ? null : toItem(order.usage()));
        item.setVersion(order.version());
        return item;
    }

    static OrderTermsItem toItem(OrderTerms terms) {
        OrderTermsItem item = new OrderTermsItem();
        item.setOfferId(terms.offerId());
        item.setProvider(terms.provider());
        item.setProvisioner(terms.provisioner());
        item.setPricePerHour(terms.pricePerHour());
        item.setUnits(terms.units());
        item.setPurchasedSeconds(terms.purchasedSeconds());
        item.setFeeBps(terms.feeBps());
        item.setFeeDiscountBps(terms.feeDiscountBps());
        item.setDisputeWindowSeconds(terms.disputeWindowSeconds());
        item.setMachine(MachineItem.of(terms.machine()));
        return item;
    }

    static OrderTerms toTerms(OrderTermsItem t) {
        return new OrderTerms(t.getOfferId(), t.getProvider(), t.getProvisioner(), t.getPricePerHour(),
                t.getUnits(), t.getPurchasedSeconds(), t.getFeeBps(), t.getDisputeWindowSeconds(), MachineItem.toMachine(t.getMachine()),
                t.getFeeDiscountBps() == null ? 0 : t.getFeeDiscountBps());
    }

    private static UsageItem toItem(Usage usage) {
        UsageItem item = new UsageItem();
        item.setStartedAt(millis(usage.startedAt()));
        item.setEndedAt(millis(usage.endedAt()));
        item.setUsedSeconds(usage.usedSeconds());
        item.setLostSeconds(usage.lostSeconds());
        item.setEndReason(usage.endReason() == null ? null : usage.endReason().name());
        item.setMeteredUnitSeconds(usage.meteredUnitSeconds());
        return item;
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Order toOrder(OrderItem item) {
        OrderTerms terms = toTerms(item.getTerms());
        Workload workload = new Workload(item.getTemplate(), item.getParameters() == null ? Map.of() : item.getParameters(),
                TaskPlanItem.toPlan(item.getPlan()));
        UsageItem u = item.getUsage();
        Usage usage = u == null ? null : new Usage(instant(u.getStartedAt()), instant(u.getEndedAt()), u.getUsedSeconds(),
                u.getLostSeconds(), u.getEndReason() == null ? null : EndReason.valueOf(u.getEndReason()), u.getMeteredUnitSeconds());
        return new Order(item.getOrderId(), item.getOwner(), OrderState.valueOf(item.getState()), terms, workload,
                item.getEscrowAmount(), item.getDeposited(), Instant.ofEpochMilli(item.getCreatedAt()),
                Instant.ofEpochMilli(item.getExpiresAt()), Instant.ofEpochMilli(item.getUpdatedAt()), item.getResourceId(),
                usage, item.getCouponId(), item.getVersion());
    }
}
