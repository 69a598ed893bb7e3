package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.ratelimit.RequestCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One item per identity: the start of its window and the requests granted in it. A lease is one
 * conditional ADD; only the first lease of a window, and a lease that wants more than is left,
 * need another call.
 */
final class DynamoRequestCounter implements RequestCounter {
    static final String KEY = "identity";
    private static final Map<String, String> NAMES = Map.of("#c", "requests", "#s", "windowStart");
    private static final int MAX_ATTEMPTS = 6;

    private final DynamoDbClient dynamo;
    private final String tableName;

    DynamoRequestCounter(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    @Override
    public Lease take(String identity, Instant now, Duration window, int limit, int wanted) {
        if (wanted < 1 || limit < 1) throw new IllegalArgumentException("a lease wants at least one of at least one request");
        Map<String, AttributeValue> key = Map.of(KEY, AttributeValue.fromS(identity));
        AttributeValue opened = Conditions.number(now.minus(window).toEpochMilli());
        int asking = Math.min(wanted, limit);
        for (int attempt = 0; attempt < MAX_ATTEMPTS && asking > 0; attempt++) {
            int n = asking;
            try {
                Map<String, AttributeValue> after = dynamo.updateItem(r -> r.tableName(tableName).key(key)
                        .updateExpression("ADD #c :n")
                        .conditionExpression("#s > :opened AND #c <= :room")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(":n", Conditions.number(n), ":opened", opened,
                                ":room", Conditions.number(limit - n)))
                        .returnValues(ReturnValue.ALL_NEW)).attributes();
                return new Lease(n, used(after), resetAt(after, window));
            } catch (ConditionalCheckFailedException noWindowOrNotEnoughRoom) {
                // Told apart below.
            }
            try {
                dynamo.updateItem(r -> r.tableName(tableName).key(key)
                        .updateExpression("SET #s = :now, #c = :n, #t = :ttl")
                        .conditionExpression("attribute_not_exists(#s) OR #s <= :opened")
                        .expressionAttributeNames(Map.of("#c", "requests", "#s", "windowStart", "#t", "ttl"))
                        .expressionAttributeValues(Map.of(":now", Conditions.number(now.toEpochMilli()), ":n", Conditions.number(n),
                                ":opened", opened, ":ttl", Conditions.number(now.plus(window).plus(window).getEpochSecond()))));
                return new Lease(n, n, now.plus(window));
            } catch (ConditionalCheckFailedException windowOpen) {
                Map<String, AttributeValue> current = dynamo.getItem(r -> r.tableName(tableName).key(key).consistentRead(true)).item();
                if (current.isEmpty()) continue;
                int left = limit - used(current);
                if (left <= 0) return new Lease(0, used(current), resetAt(current, window));
                asking = Math.min(asking, left);
            }
        }
        throw new IllegalStateException("the request count of " + identity + " kept changing");
    }

    private static int used(Map<String, AttributeValue> item) {
        return Integer.parseInt(item.get("requests").n());
    }

    private static Instant resetAt(Map<String, AttributeValue> item, Duration window) {
        return Instant.ofEpochMilli(Long.parseLong(item.get("windowStart").n())).plus(window);
    }
}
