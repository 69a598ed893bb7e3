package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.store.dynamodb.item.InstanceItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Optional;

final class DynamoInstanceRepository implements InstanceRepository {
    static final TableSchema<InstanceItem> SCHEMA = TableSchema.fromBean(InstanceItem.class);

    private final DynamoDbTable<InstanceItem> table;

    DynamoInstanceRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void recordLaunch(Instance instance) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(InstanceItem.class).item(toItem(instance))
                    .conditionExpression(Conditions.notExists("resourceId")).build());
        } catch (ConditionalCheckFailedException alreadyRecorded) {
            // A retried launch of the same resource: the first record, and whatever callbacks changed, stand.
        }
    }

    @Override
    public Optional<Instance> find(String resourceId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(resourceId).build()).consistentRead(true)))
                .map(DynamoInstanceRepository::toInstance);
    }

    @Override
    public boolean replace(Instance current, Instance next) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(InstanceItem.class).item(toItem(next))
                    .conditionExpression(Conditions.versionIs(current.version())).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public void delete(String resourceId) {
        table.deleteItem(Key.builder().partitionValue(resourceId).build());
    }

    private static InstanceItem toItem(Instance i) {
        InstanceItem item = new InstanceItem();
        item.setResourceId(i.resourceId());
        item.setVendor(i.vendor());
        item.setOrderId(i.orderId());
        item.setStatus(i.status().name());
        item.setLaunchedAt(i.launchedAt().toEpochMilli());
        item.setLastEventAt(millis(i.lastEventAt()));
        item.setRunningSince(millis(i.runningSince()));
        item.setEndedAt(millis(i.endedAt()));
        item.setVersion(i.version());
        return item;
    }

    private static Instance toInstance(InstanceItem item) {
        return new Instance(item.getResourceId(), item.getVendor(), item.getOrderId(), ResourceStatus.valueOf(item.getStatus()),
                Instant.ofEpochMilli(item.getLaunchedAt()), instant(item.getLastEventAt()), instant(item.getRunningSince()),
                instant(item.getEndedAt()), item.getVersion());
    }

    private static Long millis(Instant at) {
        return at == null ? null : at.toEpochMilli();
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
