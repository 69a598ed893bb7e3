package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.vendor.WebhookReceipts;
import io.cyberplaza.store.dynamodb.item.WebhookReceiptItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;

final class DynamoWebhookReceipts implements WebhookReceipts {
    static final TableSchema<WebhookReceiptItem> SCHEMA = TableSchema.fromBean(WebhookReceiptItem.class);

    private final DynamoDbTable<WebhookReceiptItem> table;

    DynamoWebhookReceipts(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public boolean seen(String vendor, String eventId) {
        return table.getItem(r -> r.key(Key.builder().partitionValue(vendor + "#" + eventId).build()).consistentRead(true)) != null;
    }

    @Override
    public boolean record(String vendor, String eventId, Instant receivedAt, Instant expiresAt) {
        WebhookReceiptItem item = new WebhookReceiptItem();
        item.setReceiptId(vendor + "#" + eventId);
        item.setReceivedAt(receivedAt.toEpochMilli());
        item.setExpiresAt(expiresAt.getEpochSecond());
        try {
            table.putItem(PutItemEnhancedRequest.builder(WebhookReceiptItem.class).item(item)
                    .conditionExpression(Conditions.notExists("receiptId")).build());
            return true;
        } catch (ConditionalCheckFailedException already) {
            return false;
        }
    }
}
