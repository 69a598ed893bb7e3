package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.escrow.ChainCursor;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.escrow.ProcessedBlock;
import io.cyberplaza.store.dynamodb.item.ChainCursorItem;
import io.cyberplaza.store.dynamodb.item.EscrowEventItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class DynamoChainCursorStore implements ChainCursorStore {
    static final TableSchema<ChainCursorItem> SCHEMA = TableSchema.fromBean(ChainCursorItem.class);
    private static final String CURSOR = "CURSOR";
    private static final int BATCH_LIMIT = 25;
    /** Far deeper than any reorg we can undo; rows past it only cost storage. */
    private static final Duration BLOCK_RETENTION = Duration.ofDays(7);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<ChainCursorItem> table;
    private final Clock clock;

    DynamoChainCursorStore(DynamoDbEnhancedClient client, String tableName) {
        this(client, tableName, Clock.systemUTC());
    }

    DynamoChainCursorStore(DynamoDbEnhancedClient client, String tableName, Clock clock) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
        this.clock = clock;
    }

    static String blockEntry(long number) {
        // Zero-padded so the sort key orders blocks numerically.
        return "BLOCK#%020d".formatted(number);
    }

    @Override
    public Optional<ChainCursor> load(String cursorId) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(cursorId, CURSOR)).consistentRead(true)))
                .map(item -> new ChainCursor(cursorId, item.getLastBlock(), item.getLastBlockHash(), item.getVersion()));
    }

    @Override
    public void saveBlocks(String cursorId, List<ProcessedBlock> blocks) {
        long expiresAt = clock.instant().plus(BLOCK_RETENTION).getEpochSecond();
        for (int from = 0; from < blocks.size(); from += BATCH_LIMIT) {
            List<ProcessedBlock> chunk = blocks.subList(from, Math.min(blocks.size(), from + BATCH_LIMIT));
            WriteBatch.Builder<ChainCursorItem> batch = WriteBatch.builder(ChainCursorItem.class).mappedTableResource(table);
            chunk.forEach(block -> batch.addPutItem(toItem(cursorId, block, expiresAt)));
            writeFully(batch.build());
        }
    }

    private void writeFully(WriteBatch batch) {
        BatchWriteResult result = client.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(batch).build());
        List<ChainCursorItem> unprocessed = result.unprocessedPutItemsForTable(table);
        for (int attempt = 1; !unprocessed.isEmpty(); attempt++) {
            if (attempt > 8) throw new IllegalStateException("DynamoDB kept throttling block writes");
            sleep(Duration.ofMillis(50L << attempt));
            WriteBatch.Builder<ChainCursorItem> retry = WriteBatch.builder(ChainCursorItem.class).mappedTableResource(table);
            unprocessed.forEach(retry::addPutItem);
            result = client.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(retry.build()).build());
            unprocessed = result.unprocessedPutItemsForTable(table);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying block writes", e);
        }
    }

    @Override
    public Optional<ProcessedBlock> block(String cursorId, long number) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(cursorId, blockEntry(number))).consistentRead(true)))
                .map(DynamoChainCursorStore::toBlock);
    }

    @Override
    public List<ProcessedBlock> blocksAbove(String cursorId, long number) {
        QueryConditional range = QueryConditional.sortBetween(key(cursorId, blockEntry(number + 1)),
                key(cursorId, blockEntry(Long.MAX_VALUE)));
        List<ProcessedBlock> blocks = new ArrayList<>();
        table.query(r -> r.queryConditional(range).scanIndexForward(false).consistentRead(true))
                .items().forEach(item -> blocks.add(toBlock(item)));
        return blocks;
    }

    @Override
    public void deleteBlock(String cursorId, long number) {
        table.deleteItem(key(cursorId, blockEntry(number)));
    }

    @Override
    public boolean move(ChainCursor expected, ChainCursor next) {
        ChainCursorItem item = new ChainCursorItem();
        item.setCursorId(next.cursorId());
        item.setEntry(CURSOR);
        item.setLastBlock(next.lastBlock());
        item.setLastBlockHash(next.lastBlockHash());
        item.setVersion(next.version());
        Expression condition = expected.version() == 0 ? Conditions.notExists("cursorId") : Conditions.versionIs(expected.version());
        try {
            table.putItem(PutItemEnhancedRequest.builder(ChainCursorItem.class).item(item).conditionExpression(condition).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static Key key(String cursorId, String entry) {
        return Key.builder().partitionValue(cursorId).sortValue(entry).build();
    }

    private static ChainCursorItem toItem(String cursorId, ProcessedBlock block, long expiresAt) {
        ChainCursorItem item = new ChainCursorItem();
        item.setCursorId(cursorId);
        item.setEntry(blockEntry(block.number()));
        item.setNumber(block.number());
        item.setHash(block.hash());
        item.setParentHash(block.parentHash());
        item.setEvents(block.events().stream().map(DynamoChainCursorStore::toItem).toList());
        item.setExpiresAt(expiresAt);
        return item;
    }

    private static EscrowEventItem toItem(EscrowEvent event) {
        EscrowEventItem item = new EscrowEventItem();
        item.setTxHash(event.key().txHash());
        item.setLogIndex(event.key().logIndex());
        item.setOrderId(event.orderId());
        item.setOwner(event.owner());
        switch (event) {
            case EscrowEvent.Deposited d -> {
                item.setType("Deposited");
                item.setParty(d.payer());
                item.setAmount(d.amount());
                item.setTotal(d.total());
            }
            case EscrowEvent.Settled s -> {
                item.setType("Settled");
                item.setParty(s.provider());
                item.setAmount(s.providerAmount());
                item.setFee(s.fee());
                item.setRefund(s.refund());
                item.setReleaseAt(s.releaseAt());
            }
            case EscrowEvent.SettlementSkipped s -> {
                item.setType("SettlementSkipped");
                item.setReason(s.reason().name());
            }
            case EscrowEvent.Reclaimed r -> {
                item.setType("Reclaimed");
                item.setAmount(r.amount());
            }
            case EscrowEvent.DisputeOpened d -> {
                item.setType("DisputeOpened");
                item.setParty(d.by());
                item.setAmount(d.held());
            }
            case EscrowEvent.PayoutFrozen f -> {
                item.setType("PayoutFrozen");
                item.setParty(f.by());
                item.setAmount(f.held());
            }
            case EscrowEvent.DisputeResolved r -> {
                item.setType("DisputeResolved");
                item.setParty(r.by());
                item.setAmount(r.toProvider());
                item.setRefund(r.toOwner());
            }
        }
        return item;
    }

    private static ProcessedBlock toBlock(ChainCursorItem item) {
        List<EscrowEvent> events = item.getEvents() == null ? List.of()
                : item.getEvents().stream().map(e -> toEvent(e, item.getNumber(), item.getHash())).toList();
        return new ProcessedBlock(item.getNumber(), item.getHash(), item.getParentHash(), events);
    }

    private static EscrowEvent toEvent(EscrowEventItem e, long block, String hash) {
        EventKey key = new EventKey(e.getTxHash(), e.getLogIndex());
        String id = e.getOrderId();
        String owner = e.getOwner();
        return switch (e.getType()) {
            case "Deposited" -> new EscrowEvent.Deposited(key, block, hash, id, owner, e.getParty(), e.getAmount(), e.getTotal());
            case "Settled" -> new EscrowEvent.Settled(key, block, hash, id, owner, e.getParty(), e.getAmount(),
                    e.getFee(), e.getRefund(), e.getReleaseAt());
            case "SettlementSkipped" -> new EscrowEvent.SettlementSkipped(key, block, hash, id, owner,
                    EscrowEvent.SkipReason.valueOf(e.getReason()));
            case "Reclaimed" -> new EscrowEvent.Reclaimed(key, block, hash, id, owner, e.getAmount());
            case "DisputeOpened" -> new EscrowEvent.DisputeOpened(key, block, hash, id, owner, e.getParty(), e.getAmount());
            case "PayoutFrozen" -> new EscrowEvent.PayoutFrozen(key, block, hash, id, owner, e.getParty(), e.getAmount());
            case "DisputeResolved" -> new EscrowEvent.DisputeResolved(key, block, hash, id, owner, e.getAmount(), e.getRefund(),
                    e.getParty());
            default -> throw new IllegalStateException("unknown escrow event type " + e.getType());
        };
    }
}
