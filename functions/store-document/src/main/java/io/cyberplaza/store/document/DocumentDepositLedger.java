package io.cyberplaza.store.document;

import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.DepositRecord;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** One document per deposit event, so a redelivered event is recorded once. */
final class DocumentDepositLedger implements DepositLedger {
    private final DocumentTable<DepositRecord> deposits;

    DocumentDepositLedger(DocumentStore store, String collection) {
        this.deposits = new DocumentTable<>(store, collection, DepositRecord.class, deposit -> key(deposit.key()),
                deposit -> Map.of("orderId", deposit.orderId()));
    }

    private static DocumentKey key(EventKey event) {
        return DocumentTable.single(event.txHash() + "#" + event.logIndex());
    }

    @Override
    public boolean record(DepositRecord deposit) {
        return deposits.create(deposit);
    }

    @Override
    public boolean remove(EventKey key, String blockHash) {
        return deposits.get(key(key))
                .filter(stored -> stored.value().blockHash().equals(blockHash))
                .map(deposits::delete)
                .orElse(false);
    }

    @Override
    public List<DepositRecord> findByOrder(String orderId) {
        return deposits.where("orderId", orderId).stream().sorted(Comparator.comparingLong(DepositRecord::blockNumber)).toList();
    }
}
