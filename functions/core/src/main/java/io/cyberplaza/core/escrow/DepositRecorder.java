package io.cyberplaza.core.escrow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the Deposits table in step with the chain: records deposits, drops reorganised ones. */
public final class DepositRecorder implements EscrowEventHandler {
    private static final Logger log = LoggerFactory.getLogger(DepositRecorder.class);

    private final DepositLedger ledger;

    public DepositRecorder(DepositLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void apply(EscrowEvent event) {
        if (event instanceof EscrowEvent.Deposited deposited && !ledger.record(DepositRecord.of(deposited))) {
            log.debug("deposit {} already recorded", deposited.key());
        }
    }

    @Override
    public void undo(EscrowEvent event) {
        if (event instanceof EscrowEvent.Deposited deposited && ledger.remove(deposited.key(), deposited.blockHash())) {
            log.warn("deposit {} of order {} removed by a reorg", deposited.key(), deposited.orderId());
        }
    }
}
