package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.DepositRecord;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.store.dynamodb.item.DepositItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.List;
import java.util.Map;

final class DynamoDepositLedger implements DepositLedger {
    static final TableSchema<DepositItem> SCHEMA = TableSchema.fromBean(DepositItem.class);

    private final DynamoDbTable<DepositItem> table;

    DynamoDepositLedger(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public boolean record(DepositRecord deposit) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(DepositItem.class).item(toItem(deposit))
                    .conditionExpression(Conditions.notExists("eventKey")).build());
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }

    @Override
    public boolean remove(EventKey key, String blockHash) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(key.toString()).build())
                    .conditionExpression(Expression.builder().expression("blockHash = :h")
                            .expressionValues(Map.of(":h", AttributeValue.fromS(blockHash))).build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException absentOrOtherBlock) {
            return false;
        }
    }

    @Override
    public List<DepositRecord> findByOrder(String orderId) {
        return table.index("byOrder").query(QueryConditional.keyEqualTo(k -> k.partitionValue(orderId))).stream()
                .flatMap(page -> page.items().stream()).map(DynamoDepositLedger::toRecord).toList();
    }

    private static DepositItem toItem(DepositRecord deposit) {
        DepositItem item = new DepositItem();
        item.setEventKey(deposit.key().toString());
        item.setOrderId(deposit.orderId());
        item.setPayer(deposit.payer());
        item.setAmount(deposit.amount());
        item.setTotal(deposit.total());
        item.setBlockNumber(deposit.blockNumber());
        item.setBlockHash(deposit.blockHash());
        return item;
    }

    private static DepositRecord toRecord(DepositItem item) {
        return new DepositRecord(EventKey.parse(item.getEventKey()), item.getOrderId(), item.getPayer(), item.getAmount(),
                item.getTotal(), item.getBlockNumber(), item.getBlockHash());
    }
}
