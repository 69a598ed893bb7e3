package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.store.dynamodb.item.DisputeItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.List;
import java.util.Optional;

final class DynamoDisputeRepository implements DisputeRepository {
    static final TableSchema<DisputeItem> SCHEMA = TableSchema.fromBean(DisputeItem.class);

    private final DynamoDbTable<DisputeItem> table;

    DynamoDisputeRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void create(Dispute dispute) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(DisputeItem.class).item(toItem(dispute))
                    .conditionExpression(Conditions.notExists("disputeId")).build());
        } catch (ConditionalCheckFailedException e) {
            throw new ConditionFailedException("dispute " + dispute.disputeId() + " exists", e);
        }
    }

    @Override
    public Optional<Dispute> find(String disputeId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(disputeId).build()).consistentRead(true)))
                .map(DynamoDisputeRepository::toDispute);
    }

    @Override
    public boolean replace(Dispute expected, Dispute next) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(DisputeItem.class).item(toItem(next))
                    .conditionExpression(Conditions.versionIs(expected.version())).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public List<Dispute> findByProvider(String provider) {
        return query("byProvider", provider, false);
    }

    @Override
    public List<Dispute> findByStatus(Dispute.DisputeStatus status) {
        return query("byStatus", status.name(), true);
    }

    private List<Dispute> query(String index, String value, boolean oldestFirst) {
        QueryEnhancedRequest request = QueryEnhancedRequest.builder().queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(value)))
                .scanIndexForward(oldestFirst).build();
        return table.index(index).query(request).stream().flatMap(page -> page.items().stream())
                .map(DynamoDisputeRepository::toDispute).toList();
    }

    private static DisputeItem toItem(Dispute dispute) {
        DisputeItem item = new DisputeItem();
        item.setDisputeId(dispute.disputeId());
        item.setBody(RecordJson.write(dispute));
        item.setProvider(dispute.provider());
        item.setStatus(dispute.status().name());
        item.setOpenedAt(dispute.openedAt().toEpochMilli());
        item.setVersion(dispute.version());
        return item;
    }

    private static Dispute toDispute(DisputeItem item) {
        return RecordJson.read(item.getBody(), Dispute.class);
    }
}
