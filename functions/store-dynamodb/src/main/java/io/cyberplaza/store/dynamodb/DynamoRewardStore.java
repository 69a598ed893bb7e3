package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.rewards.EpochRecord;
import io.cyberplaza.core.rewards.RewardLeaf;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.store.dynamodb.item.RewardItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

final class DynamoRewardStore implements RewardStore {
    static final TableSchema<RewardItem> SCHEMA = TableSchema.fromBean(RewardItem.class);
    private static final String EPOCHS = "epochs";

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<RewardItem> table;

    DynamoRewardStore(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public Optional<EpochRecord> epoch(long epoch) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(EPOCHS, epochKey(epoch))).consistentRead(true)))
                .map(item -> RecordJson.read(item.getBody(), EpochRecord.class));
    }

    @Override
    public Optional<EpochRecord> latest() {
        return table.query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(EPOCHS))).scanIndexForward(false)
                        .limit(1).consistentRead(true)).items().stream().findFirst()
                .map(item -> RecordJson.read(item.getBody(), EpochRecord.class));
    }

    @Override
    public List<EpochRecord> epochs() {
        return table.query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(EPOCHS))).consistentRead(true))
                .items().stream().map(item -> RecordJson.read(item.getBody(), EpochRecord.class)).toList();
    }

    @Override
    public boolean create(EpochRecord record) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(RewardItem.class).item(epochItem(record))
                    .conditionExpression(Conditions.notExists("pk")).build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public boolean replace(EpochRecord expected, EpochRecord next) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(RewardItem.class).item(epochItem(next))
                    .conditionExpression(Conditions.versionIs(expected.version())).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public void putLeaves(Collection<RewardLeaf> leaves) {
        BatchPuts.putAll(client, table, RewardItem.class, leaves.stream().map(DynamoRewardStore::leafItem).toList(), "reward leaves");
    }

    @Override
    public List<RewardLeaf> leaves(long epoch, String root) {
        List<RewardLeaf> leaves = new ArrayList<>();
        table.query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(leafPartition(epoch, root)))).consistentRead(true))
                .items().forEach(item -> leaves.add(RecordJson.read(item.getBody(), RewardLeaf.class)));
        return leaves;
    }

    @Override
    public Optional<RewardLeaf> leaf(long epoch, String root, String account) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(leafPartition(epoch, root), account)).consistentRead(true)))
                .map(item -> RecordJson.read(item.getBody(), RewardLeaf.class));
    }

    @Override
    public List<RewardLeaf> leavesOf(String account) {
        return table.index("byAccount").query(r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(account)))
                        .scanIndexForward(false)).stream()
                .flatMap(page -> page.items().stream()).map(item -> RecordJson.read(item.getBody(), RewardLeaf.class)).toList();
    }

    private static RewardItem epochItem(EpochRecord record) {
        RewardItem item = new RewardItem();
        item.setPk(EPOCHS);
        item.setSk(epochKey(record.epoch()));
        item.setBody(RecordJson.write(record));
        item.setVersion(record.version());
        return item;
    }

    private static RewardItem leafItem(RewardLeaf leaf) {
        RewardItem item = new RewardItem();
        item.setPk(leafPartition(leaf.epoch(), leaf.root()));
        item.setSk(leaf.account());
        item.setAccount(leaf.account());
        item.setEpoch(leaf.epoch());
        item.setBody(RecordJson.write(leaf));
        return item;
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    /** Zero-padded, so the partition sorts epochs by number. */
    private static String epochKey(long epoch) {
        return String.format("%019d", epoch);
    }

    private static String leafPartition(long epoch, String root) {
        return "leaves#" + epoch + "#" + root.toLowerCase();
    }
}
