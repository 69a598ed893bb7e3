package io.cyberplaza.core.fakes;

import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.DepositRecord;
import io.cyberplaza.core.escrow.EventKey;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

public final class InMemoryDepositLedger implements DepositLedger {
    private final ConcurrentMap<EventKey, DepositRecord> deposits = new ConcurrentHashMap<>();

    @Override
    public boolean record(DepositRecord deposit) {
        return deposits.putIfAbsent(deposit.key(), deposit) == null;
    }

    @Override
    public boolean remove(EventKey key, String blockHash) {
        DepositRecord stored = deposits.get(key);
        return stored != null && stored.blockHash().equals(blockHash) && deposits.remove(key, stored);
    }

    @Override
    public List<DepositRecord> findByOrder(String orderId) {
        return deposits.values().stream().filter(d -> d.orderId().equals(orderId))
                .sorted(Comparator.comparingLong(DepositRecord::blockNumber)).toList();
    }
}
