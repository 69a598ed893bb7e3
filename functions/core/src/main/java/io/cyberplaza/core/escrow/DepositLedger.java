package io.cyberplaza.core.escrow;

import java.util.List;

/** Port: the Deposits table, keyed by (txHash, logIndex). */
public interface DepositLedger {

    /** @return true if recorded now, false if this event was already recorded */
    boolean record(DepositRecord deposit);

    /** Removes a deposit whose block was reorganised away; false if it was not there (already undone). */
    boolean remove(EventKey key, String blockHash);

    List<DepositRecord> findByOrder(String orderId);

    default long totalFor(String orderId) {
        long total = 0;
        for (DepositRecord deposit : findByOrder(orderId)) total = Math.addExact(total, deposit.amount());
        return total;
    }
}
