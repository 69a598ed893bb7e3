package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.store.dynamodb.item.LoginNonceItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Map;

final class DynamoLoginNonces implements LoginNonces {
    static final TableSchema<LoginNonceItem> SCHEMA = TableSchema.fromBean(LoginNonceItem.class);

    private final DynamoDbTable<LoginNonceItem> table;

    DynamoLoginNonces(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void issue(String nonce, String address, Instant expiresAt) {
        LoginNonceItem item = new LoginNonceItem();
        item.setNonce(nonce);
        item.setAddress(address);
        item.setExpiresAt(expiresAt.toEpochMilli());
        item.setTtl(expiresAt.getEpochSecond() + 3_600);
        table.putItem(item);
    }

    @Override
    public boolean isLive(String nonce, String address, Instant now) {
        LoginNonceItem item = table.getItem(r -> r.key(Key.builder().partitionValue(nonce).build()).consistentRead(true));
        return item != null && address.equals(item.getAddress()) && item.getExpiresAt() > now.toEpochMilli();
    }

    @Override
    public boolean consume(String nonce, String address, Instant now) {
        // One conditional delete: two logins racing with the same nonce cannot both succeed.
        try {
            table.deleteItem(DeleteItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(nonce).build())
                    .conditionExpression(Expression.builder().expression("address = :a AND expiresAt > :now")
                            .expressionValues(Map.of(":a", AttributeValue.fromS(address),
                                    ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                            .build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException absentExpiredOrNotTheirs) {
            return false;
        }
    }
}
