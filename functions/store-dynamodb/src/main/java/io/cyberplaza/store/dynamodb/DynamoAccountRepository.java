package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.auth.Account;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.Role;
import io.cyberplaza.store.dynamodb.item.AccountItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Collectors;

final class DynamoAccountRepository implements AccountRepository {
    static final TableSchema<AccountItem> SCHEMA = TableSchema.fromBean(AccountItem.class);

    private final DynamoDbTable<AccountItem> table;

    DynamoAccountRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public Optional<Account> find(String address) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(address).build()).consistentRead(true)))
                .map(DynamoAccountRepository::toAccount);
    }

    @Override
    public boolean replace(Account expected, Account next) {
        if (next.version() != expected.version() + 1) throw new IllegalArgumentException("next must be expected's next version");
        try {
            table.putItem(PutItemEnhancedRequest.builder(AccountItem.class).item(toItem(next))
                    .conditionExpression(expected.version() == 0 ? Conditions.notExists("address") : Conditions.versionIs(expected.version()))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static AccountItem toItem(Account account) {
        AccountItem item = new AccountItem();
        item.setAddress(account.address());
        item.setRoles(account.granted().isEmpty() ? null : account.granted().stream().map(Role::name).collect(Collectors.toSet()));
        item.setVersion(account.version());
        item.setUpdatedAt(account.updatedAt().toEpochMilli());
        item.setUpdatedBy(account.updatedBy());
        return item;
    }

    private static Account toAccount(AccountItem item) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        if (item.getRoles() != null) item.getRoles().forEach(role -> roles.add(Role.valueOf(role)));
        return new Account(item.getAddress(), roles, item.getVersion(), Instant.ofEpochMilli(item.getUpdatedAt()), item.getUpdatedBy());
    }
}
