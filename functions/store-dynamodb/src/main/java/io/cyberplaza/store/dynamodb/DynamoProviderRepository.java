package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.provider.Certification;
import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.store.dynamodb.item.ProviderItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Optional;

final class DynamoProviderRepository implements ProviderRepository {
    static final TableSchema<ProviderItem> SCHEMA = TableSchema.fromBean(ProviderItem.class);

    private final DynamoDbTable<ProviderItem> table;

    DynamoProviderRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public Optional<Provider> find(String address) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(address).build()).consistentRead(true)))
                .map(DynamoProviderRepository::toProvider);
    }

    @Override
    public boolean replace(long expectedVersion, Provider next) {
        if (next.version() != expectedVersion + 1) throw new IllegalArgumentException("next must be the expected version's next");
        try {
            table.putItem(PutItemEnhancedRequest.builder(ProviderItem.class).item(toItem(next))
                    .conditionExpression(expectedVersion == 0 ? Conditions.notExists("address") : Conditions.versionIs(expectedVersion))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static ProviderItem toItem(Provider p) {
        ProviderItem item = new ProviderItem();
        item.setAddress(p.address());
        item.setName(p.name());
        item.setTier(p.tier().name());
        if (p.certification() != null) {
            item.setMonthlyOfferedValue(p.certification().monthlyOfferedValue());
            item.setEvaluation(p.certification().evaluation());
            item.setCertifiedAt(p.certification().certifiedAt().toEpochMilli());
            item.setCertifiedBy(p.certification().certifiedBy());
        }
        item.setVersion(p.version());
        item.setUpdatedAt(p.updatedAt().toEpochMilli());
        return item;
    }

    private static Provider toProvider(ProviderItem item) {
        Certification certification = item.getCertifiedAt() == null ? null : new Certification(item.getMonthlyOfferedValue(),
                item.getEvaluation(), Instant.ofEpochMilli(item.getCertifiedAt()), item.getCertifiedBy());
        return new Provider(item.getAddress(), item.getName(), FeeTier.valueOf(item.getTier()), certification, item.getVersion(),
                Instant.ofEpochMilli(item.getUpdatedAt()));
    }
}
