package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.ratelimit.RequestCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One item per identity: the start of its window and how many requests it made in it. Counting is
 * one conditional increment; only the first request of a window needs a second write.
 */
final class DynamoRequestCounter implements RequestCounter {
    static final String KEY = "identity";
    private static final Map<String, String> NAMES = Map.of("#c", "requests", "#s", "windowStart", "#t", "ttl");
    private static final int MAX_ATTEMPTS = 4;

    private final DynamoDbClient dynamo;
    private final String tableName;

    DynamoRequestCounter(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public Decision count(String identity, Instant now, Duration window, int limit) {
        Map<String, AttributeValue> key = Map.of(KEY, AttributeValue.fromS(identity));
        AttributeValue opened = Conditions.number(now.minus(window).toEpochMilli());
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            try {
                UpdateItemResponse counted = dynamo.updateItem(r -> r.tableName(tableName).key(key)
                        .updateExpression("ADD #c :one")
                        .conditionExpression("#s > :opened AND #c < :limit")
                        .expressionAttributeNames(Map.of("#c", "requests", "#s", "windowStart"))
                        .expressionAttributeValues(Map.of(":one", Conditions.number(1), ":opened", opened,
                                ":limit", Conditions.number(limit)))
                        .returnValues(ReturnValue.ALL_NEW));
                return decision(counted.attributes(), window, limit, true);
            } catch (ConditionalCheckFailedException noRoomOrNoWindow) {
                // Either the window is full, or there is none open: open one if so.
            }
            try {
                dynamo.updateItem(r -> r.tableName(tableName).key(key)
                        .updateExpression("SET #s = :now, #c = :one, #t = :ttl")
                        .conditionExpression("attribute_not_exists(#s) OR #s <= :opened")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(":now", Conditions.number(now.toEpochMilli()), ":one", Conditions.number(1),
                                ":opened", opened, ":ttl", Conditions.number(now.plus(window).plus(window).getEpochSecond()))));
                return new Decision(true, limit, limit - 1, now.plus(window));
            } catch (ConditionalCheckFailedException windowOpen) {
                Map<String, AttributeValue> current = dynamo.getItem(r -> r.tableName(tableName).key(key).consistentRead(true)).item();
                if (!current.isEmpty() && Long.parseLong(current.get("requests").n()) >= limit
                        && Long.parseLong(current.get("windowStart").n()) > now.minus(window).toEpochMilli()) {
                    return decision(current, window, limit, false);
                }
                // Another request opened the window just now, with room left: count again.
            }
        }
        throw new IllegalStateException("the request count of " + identity + " kept changing");
    }

    private static Decision decision(Map<String, AttributeValue> item, Duration window, int limit, boolean allowed) {
        int used = Integer.parseInt(item.get("requests").n());
        Instant resetAt = Instant.ofEpochMilli(Long.parseLong(item.get("windowStart").n())).plus(window);
        return new Decision(allowed, limit, Math.max(0, limit - used), resetAt);
    }
}
