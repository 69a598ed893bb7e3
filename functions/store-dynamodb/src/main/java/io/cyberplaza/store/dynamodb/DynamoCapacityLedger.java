package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.capacity.CapacityWindow;
import io.cyberplaza.core.store.ConditionFailedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One partition per offer: its windows ({@code w#<start>}: total, reserved) and its orders'
 * reservations ({@code r#<orderId>}: window, amount). A reservation and the window's count change
 * in one transaction, conditioned on the reservation being new and the window having room (read as
 * {@code reserved <= total - amount} for the total the caller saw), so racing orders cannot oversell.
 */
final class DynamoCapacityLedger implements CapacityLedger {
    static final String KEY = "offerId";
    static final String SORT_KEY = "slot";
    private static final int MAX_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String tableName;

    DynamoCapacityLedger(DynamoDbClient dynamo, String tableName) {
        this.dynamo = dynamo;
        this.tableName = tableName;
    }

    private static Map<String, AttributeValue> key(String offerId, String slot) {
        return Map.of(KEY, AttributeValue.fromS(offerId), SORT_KEY, AttributeValue.fromS(slot));
    }

    private static String windowSlot(Instant start) {
        return "w#" + String.format("%015d", start.toEpochMilli());
    }

    @Override
    public void define(String offerId, List<CapacityWindow> windows) {
        for (CapacityWindow w : windows) {
            try {
                dynamo.updateItem(r -> r.tableName(tableName).key(key(offerId, windowSlot(w.start())))
                        .updateExpression("SET #s = :s, #e = :e, #t = :t, #r = if_not_exists(#r, :zero)")
                        .conditionExpression("attribute_not_exists(#r) OR #r <= :t")
                        .expressionAttributeNames(Map.of("#s", "start", "#e", "end", "#t", "total", "#r", "reserved"))
                        .expressionAttributeValues(Map.of(":s", Conditions.number(w.start().toEpochMilli()),
                                ":e", Conditions.number(w.end().toEpochMilli()), ":t", Conditions.number(w.totalUnitSeconds()),
                                ":zero", Conditions.number(0))));
            } catch (ConditionalCheckFailedException belowReserved) {
                throw new ConditionFailedException("window " + w.start() + " of " + offerId + " has more reserved than " + w.totalUnitSeconds(),
                        belowReserved);
            }
        }
    }

    @Override
    public List<CapacityWindow> windows(String offerId) {
        return dynamo.queryPaginator(r -> r.tableName(tableName).consistentRead(true)
                        .keyConditionExpression("#k = :k AND begins_with(#slot, :w)")
                        .expressionAttributeNames(Map.of("#k", KEY, "#slot", SORT_KEY))
                        .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(offerId), ":w", AttributeValue.fromS("w#"))))
                .items().stream().map(DynamoCapacityLedger::toWindow)
                .sorted(Comparator.comparing(CapacityWindow::start)).toList();
    }

    @Override
    public Outcome reserve(String offerId, String orderId, Instant at, long unitSeconds) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<CapacityWindow> windows = windows(offerId);
            if (windows.isEmpty()) return Outcome.UNLIMITED;
            if (reservation(offerId, orderId).isPresent()) return Outcome.ALREADY_RESERVED;
            Optional<CapacityWindow> covering = windows.stream().filter(w -> w.covers(at)).findFirst();
            if (covering.isEmpty()) return Outcome.NO_WINDOW;
            CapacityWindow w = covering.get();
            if (w.availableUnitSeconds() < unitSeconds) return Outcome.EXHAUSTED;
            String slot = windowSlot(w.start());
            try {
                dynamo.transactWriteItems(r -> r.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(tableName)
                                .item(Map.of(KEY, AttributeValue.fromS(offerId), SORT_KEY, AttributeValue.fromS("r#" + orderId),
                                        "window", AttributeValue.fromS(slot), "amount", Conditions.number(unitSeconds)))
                                .conditionExpression("attribute_not_exists(#slot)")
                                .expressionAttributeNames(Map.of("#slot", SORT_KEY))).build(),
                        TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(offerId, slot))
                                .updateExpression("ADD #r :amount")
                                .conditionExpression("#t = :t AND #r <= :room")
                                .expressionAttributeNames(Map.of("#r", "reserved", "#t", "total"))
                                .expressionAttributeValues(Map.of(":amount", Conditions.number(unitSeconds),
                                        ":t", Conditions.number(w.totalUnitSeconds()),
                                        ":room", Conditions.number(w.totalUnitSeconds() - unitSeconds)))).build()));
                return Outcome.RESERVED;
            } catch (TransactionCanceledException cancelled) {
                List<CancellationReason> reasons = cancelled.cancellationReasons();
                if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) return Outcome.ALREADY_RESERVED;
                // The window changed under us (another order, a resize, a conflicting transaction): read it again.
            }
        }
        return Outcome.EXHAUSTED;
    }

    @Override
    public void settle(String offerId, String orderId, long usedUnitSeconds) {
        Optional<Map<String, AttributeValue>> reservation = reservation(offerId, orderId);
        if (reservation.isEmpty() || reservation.get().containsKey("settled")) return;
        long amount = Long.parseLong(reservation.get().get("amount").n());
        long kept = Math.min(Math.max(usedUnitSeconds, 0), amount);
        String slot = reservation.get().get("window").s();
        try {
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(offerId, "r#" + orderId))
                            .updateExpression("SET #settled = :true, #amount = :kept")
                            .conditionExpression("attribute_not_exists(#settled)")
                            .expressionAttributeNames(Map.of("#settled", "settled", "#amount", "amount"))
                            .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true), ":kept", Conditions.number(kept)))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(tableName).key(key(offerId, slot))
                            .updateExpression("ADD #r :back")
                            .expressionAttributeNames(Map.of("#r", "reserved"))
                            .expressionAttributeValues(Map.of(":back", Conditions.number(kept - amount)))).build()));
        } catch (TransactionCanceledException settledMeanwhile) {
            // Another delivery settled it first; its result stands.
        }
    }

    private Optional<Map<String, AttributeValue>> reservation(String offerId, String orderId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(tableName).key(key(offerId, "r#" + orderId)).consistentRead(true)).item();
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static CapacityWindow toWindow(Map<String, AttributeValue> item) {
        return new CapacityWindow(Instant.ofEpochMilli(Long.parseLong(item.get("start").n())), Instant.ofEpochMilli(Long.parseLong(item.get("end").n())),
                Long.parseLong(item.get("total").n()), Long.parseLong(item.get("reserved").n()));
    }
}
