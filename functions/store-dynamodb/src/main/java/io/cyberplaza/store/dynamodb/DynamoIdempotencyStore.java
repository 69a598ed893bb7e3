package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.store.dynamodb.item.IdempotencyItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.IgnoreNullsMode;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

final class DynamoIdempotencyStore implements IdempotencyStore {
    static final TableSchema<IdempotencyItem> SCHEMA = TableSchema.fromBean(IdempotencyItem.class);
    private static final Expression HELD = Expression.builder().expression("#s = :inProgress")
            .expressionNames(Map.of("#s", "status"))
            .expressionValues(Map.of(":inProgress", AttributeValue.fromS(Status.IN_PROGRESS.name()))).build();

    private final DynamoDbTable<IdempotencyItem> table;

    DynamoIdempotencyStore(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    private static String id(String scope, String key) {
        return scope + "#" + key;
    }

    @Override
    public boolean claim(String scope, String key, String fingerprint, Instant now, Instant leaseUntil, Instant expiresAt) {
        IdempotencyItem item = new IdempotencyItem();
        item.setId(id(scope, key));
        item.setFingerprint(fingerprint);
        item.setStatus(Status.IN_PROGRESS.name());
        item.setLeaseUntil(leaseUntil.toEpochMilli());
        item.setTtl(expiresAt.getEpochSecond());
        // New, or the same request's claim whose holder died (its lease is over).
        Expression claimable = Expression.builder()
                .expression("attribute_not_exists(#id) OR (#s = :inProgress AND #f = :f AND #l < :now)")
                .expressionNames(Map.of("#id", "id", "#s", "status", "#f", "fingerprint", "#l", "leaseUntil"))
                .expressionValues(Map.of(":inProgress", AttributeValue.fromS(Status.IN_PROGRESS.name()),
                        ":f", AttributeValue.fromS(fingerprint), ":now", Conditions.number(now.toEpochMilli())))
                .build();
        try {
            table.putItem(PutItemEnhancedRequest.builder(IdempotencyItem.class).item(item).conditionExpression(claimable).build());
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public Optional<Entry> find(String scope, String key) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(id(scope, key)).build()).consistentRead(true)))
                .map(item -> new Entry(scope, key, item.getFingerprint(), Status.valueOf(item.getStatus()),
                        item.getHttpStatus() == null ? 0 : item.getHttpStatus(), item.getBody(),
                        Instant.ofEpochMilli(item.getLeaseUntil())));
    }

    @Override
    public void complete(String scope, String key, int httpStatus, String body) {
        // Only the answer's attributes are set, in one conditional write; a claim that is gone fails the condition.
        IdempotencyItem item = new IdempotencyItem();
        item.setId(id(scope, key));
        item.setStatus(Status.COMPLETED.name());
        item.setHttpStatus(httpStatus);
        item.setBody(body);
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(IdempotencyItem.class).item(item).ignoreNullsMode(IgnoreNullsMode.SCALAR_ONLY)
                    .conditionExpression(HELD).build());
        } catch (ConditionalCheckFailedException alreadyDone) {
            // Another holder (after a lease takeover) completed it first; its response stands.
        }
    }

    @Override
    public void release(String scope, String key) {
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder().key(Key.builder().partitionValue(id(scope, key)).build())
                    .conditionExpression(HELD).build());
        } catch (ConditionalCheckFailedException completedOrGone) {
            // Nothing to give up.
        }
    }
}
