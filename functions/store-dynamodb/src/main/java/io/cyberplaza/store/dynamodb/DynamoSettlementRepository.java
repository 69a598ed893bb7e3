package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.store.dynamodb.item.SettlementItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.List;
import java.util.Optional;

final class DynamoSettlementRepository implements SettlementRepository {
    static final TableSchema<SettlementItem> SCHEMA = TableSchema.fromBean(SettlementItem.class);

    private final DynamoDbTable<SettlementItem> table;

    DynamoSettlementRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void create(Settlement settlement) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(SettlementItem.class).item(toItem(settlement))
                    .conditionExpression(Conditions.notExists("orderId")).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConditionFailedException("settlement of " + settlement.orderId() + " exists", e);
        }
    }

    @Override
    public Optional<Settlement> find(String orderId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(orderId).build()).consistentRead(true)))
                .map(DynamoSettlementRepository::toSettlement);
    }

    @Override
    public boolean replace(Settlement expected, Settlement next) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(SettlementItem.class).item(toItem(next))
                    .conditionExpression(Conditions.attributeAndVersionAre("status", expected.status().name(), expected.version()))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public List<Settlement> findByStatus(SettlementStatus status) {
        return table.index("byStatus").query(QueryConditional.keyEqualTo(k -> k.partitionValue(status.name()))).stream()
                .flatMap(page -> page.items().stream()).map(DynamoSettlementRepository::toSettlement).toList();
    }

    @Override
    public List<Settlement> findConfirmedReleasedBetween(long fromSecond, long toSecond) {
        if (toSecond <= fromSecond) return List.of();
        QueryConditional window = QueryConditional.sortBetween(
                k -> k.partitionValue(SettlementStatus.CONFIRMED.name()).sortValue(fromSecond),
                k -> k.partitionValue(SettlementStatus.CONFIRMED.name()).sortValue(toSecond - 1));
        return table.index("byRelease").query(window).stream()
                .flatMap(page -> page.items().stream()).map(DynamoSettlementRepository::toSettlement).toList();
    }

    @Override
    public List<Settlement> findByProvider(String provider) {
        return table.index("byProvider").query(QueryConditional.keyEqualTo(k -> k.partitionValue(provider))).stream()
                .flatMap(page -> page.items().stream()).map(DynamoSettlementRepository::toSettlement).toList();
    }

    private static SettlementItem toItem(Settlement s) {
        SettlementItem item = new SettlementItem();
        item.setOrderId(s.orderId());
        item.setOwner(s.owner());
        item.setProvider(s.provider());
        item.setDeposit(s.deposit());
        item.setProviderAmount(s.providerAmount());
        item.setFee(s.fee());
        item.setRefund(s.refund());
        item.setReleaseAt(s.releaseAt());
        item.setStatus(s.status().name());
        item.setOutboxTxId(s.outboxTxId());
        item.setVersion(s.version());
        return item;
    }

    private static Settlement toSettlement(SettlementItem item) {
        return new Settlement(item.getOrderId(), item.getOwner(), item.getProvider(), item.getDeposit(), item.getProviderAmount(),
                item.getFee(), item.getRefund(), item.getReleaseAt(), SettlementStatus.valueOf(item.getStatus()),
                item.getOutboxTxId(), item.getVersion());
    }
}
