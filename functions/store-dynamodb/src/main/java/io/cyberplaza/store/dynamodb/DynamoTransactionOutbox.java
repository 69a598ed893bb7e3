package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.core.tx.NonceLease;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.tx.TxAttempt;
import io.cyberplaza.core.tx.TxStatus;
import io.cyberplaza.store.dynamodb.item.TxAttemptItem;
import io.cyberplaza.store.dynamodb.item.TxOutboxItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DynamoTransactionOutbox implements TransactionOutbox {
    static final TableSchema<TxOutboxItem> SCHEMA = TableSchema.fromBean(TxOutboxItem.class);
    private static final String LEASE = "LEASE";
    /** Final transactions stay readable for audits this long, then expire. */
    private static final Duration FINAL_RETENTION = Duration.ofDays(90);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<TxOutboxItem> table;
    private final Clock clock;

    DynamoTransactionOutbox(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
        this.clock = Clock.systemUTC();
    }

    private static String txEntry(String id) {
        return "TX#" + id;
    }

    @Override
    public Optional<NonceLease> acquireLease(String sender, String owner, long nowMillis, long ttlMillis, long chainNonce) {
        TxOutboxItem current = table.getItem(r -> r.key(key(sender, LEASE)).consistentRead(true));
        boolean heldByOther = current != null && current.getLeaseOwner() != null && !current.getLeaseOwner().isEmpty()
                && !current.getLeaseOwner().equals(owner) && current.getLeaseExpiresAt() > nowMillis;
        if (heldByOther) return Optional.empty();

        long version = current == null ? 1 : current.getVersion() + 1;
        long nextNonce = current == null ? chainNonce : current.getNextNonce();
        TxOutboxItem lease = leaseItem(sender, owner, nowMillis + ttlMillis, nextNonce, version);
        Expression unchanged = current == null ? Conditions.notExists("sender") : Conditions.versionIs(current.getVersion());
        try {
            table.putItem(PutItemEnhancedRequest.builder(TxOutboxItem.class).item(lease).conditionExpression(unchanged).build());
            return Optional.of(new NonceLease(sender, owner, nowMillis + ttlMillis, nextNonce, version));
        } catch (ConditionalCheckFailedException raced) {
            return Optional.empty();
        }
    }

    @Override
    public void releaseLease(String sender, String owner) {
        TxOutboxItem current = table.getItem(r -> r.key(key(sender, LEASE)).consistentRead(true));
        if (current == null || !owner.equals(current.getLeaseOwner())) return;
        TxOutboxItem released = leaseItem(sender, "", 0, current.getNextNonce(), current.getVersion() + 1);
        try {
            table.putItem(PutItemEnhancedRequest.builder(TxOutboxItem.class).item(released)
                    .conditionExpression(Conditions.versionIs(current.getVersion())).build());
        } catch (ConditionalCheckFailedException alreadyMoved) {
            // Someone took over an expired lease: nothing of ours left to release.
        }
    }

    @Override
    public NonceLease recordNew(NonceLease lease, OutboxTransaction transaction) {
        NonceLease advanced = new NonceLease(lease.sender(), lease.owner(), lease.expiresAtMillis(),
                transaction.nonce() + 1, lease.version() + 1);
        Expression stillHeld = Expression.builder().expression("#v = :v AND leaseOwner = :o")
                .expressionNames(Map.of("#v", "version"))
                .expressionValues(Map.of(":v", Conditions.number(lease.version()), ":o", AttributeValue.fromS(lease.owner())))
                .build();
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table, TransactPutItemEnhancedRequest.builder(TxOutboxItem.class)
                            .item(toItem(transaction)).conditionExpression(Conditions.notExists("sender")).build())
                    .addPutItem(table, TransactPutItemEnhancedRequest.builder(TxOutboxItem.class)
                            .item(leaseItem(advanced.sender(), advanced.owner(), advanced.expiresAtMillis(),
                                    advanced.nextNonce(), advanced.version()))
                            .conditionExpression(stillHeld).build())
                    .build());
            return advanced;
        } catch (TransactionCanceledException e) {
            throw new ConditionFailedException("transaction " + transaction.id() + " exists or the lease of "
                    + lease.sender() + " is no longer held", e);
        }
    }

    @Override
    public Optional<OutboxTransaction> find(String sender, String id) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(sender, txEntry(id))).consistentRead(true)))
                .map(DynamoTransactionOutbox::toTransaction);
    }

    @Override
    public List<OutboxTransaction> pending(String sender) {
        // The index is eventually consistent: re-read each row so callers act on the latest version.
        return table.index("pendingBySender").query(QueryConditional.keyEqualTo(k -> k.partitionValue(sender))).stream()
                .flatMap(page -> page.items().stream())
                .map(item -> find(sender, item.getId()))
                .flatMap(Optional::stream)
                .filter(tx -> !tx.status().isFinal())
                .toList();
    }

    @Override
    public boolean replace(OutboxTransaction expected, OutboxTransaction next) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(TxOutboxItem.class).item(toItem(next))
                    .conditionExpression(Conditions.versionIs(expected.version())).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    private static Key key(String sender, String entry) {
        return Key.builder().partitionValue(sender).sortValue(entry).build();
    }

    private static TxOutboxItem leaseItem(String sender, String owner, long expiresAtMillis, long nextNonce, long version) {
        TxOutboxItem item = new TxOutboxItem();
        item.setSender(sender);
        item.setEntry(LEASE);
        item.setLeaseOwner(owner);
        item.setLeaseExpiresAt(expiresAtMillis);
        item.setNextNonce(nextNonce);
        item.setVersion(version);
        return item;
    }

    private TxOutboxItem toItem(OutboxTransaction tx) {
        TxOutboxItem item = new TxOutboxItem();
        item.setSender(tx.sender());
        item.setEntry(txEntry(tx.id()));
        item.setId(tx.id());
        item.setChainId(tx.chainId());
        item.setTo(tx.to());
        item.setData(tx.data());
        item.setValue(tx.value());
        item.setNonce(tx.nonce());
        item.setGasLimit(tx.gasLimit());
        item.setAttempts(tx.attempts().stream().map(DynamoTransactionOutbox::toItem).toList());
        item.setStatus(tx.status().name());
        item.setMinedTxHash(tx.minedTxHash());
        item.setMinedBlock(tx.minedBlock());
        item.setGasUsed(tx.gasUsed());
        item.setVersion(tx.version());
        if (tx.status().isFinal()) {
            item.setExpiresAt(clock.instant().plus(FINAL_RETENTION).getEpochSecond());
        } else {
            item.setPendingSender(tx.sender());
        }
        return item;
    }

    private static TxAttemptItem toItem(TxAttempt attempt) {
        TxAttemptItem item = new TxAttemptItem();
        item.setTxHash(attempt.txHash());
        item.setRawTransaction(attempt.rawTransaction());
        item.setMaxFeePerGas(attempt.maxFeePerGas());
        item.setMaxPriorityFeePerGas(attempt.maxPriorityFeePerGas());
        item.setSignedAt(attempt.signedAtMillis());
        return item;
    }

    private static OutboxTransaction toTransaction(TxOutboxItem item) {
        List<TxAttempt> attempts = item.getAttempts().stream()
                .map(a -> new TxAttempt(a.getTxHash(), a.getRawTransaction(), a.getMaxFeePerGas(),
                        a.getMaxPriorityFeePerGas(), a.getSignedAt()))
                .toList();
        return new OutboxTransaction(item.getId(), item.getSender(), item.getChainId(), item.getTo(), item.getData(),
                item.getValue(), item.getNonce(), item.getGasLimit(), attempts, TxStatus.valueOf(item.getStatus()),
                item.getMinedTxHash(), item.getMinedBlock(), item.getGasUsed(), item.getVersion());
    }
}
