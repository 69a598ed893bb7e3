package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.DepositRecord;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventHandler;
import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Applies confirmed escrow events to pledges, and passes every other escrow order's events on to
 * {@code orders}. Deposits are recorded in the same ledger as orders'; a pending pledge whose
 * deposits cover it is FUNDED. A Settled event confirms the pledge's settlement, and a participant
 * becomes SETTLED. Undo (a reorg) walks the same steps back. Deposits for pledges that were withdrawn
 * or lapsed stay in the ledger, where the group-buy function finds and refunds them.
 */
public final class PledgeFunding implements EscrowEventHandler {
    private static final Logger log = LoggerFactory.getLogger(PledgeFunding.class);

    private final GroupBuyStore store;
    private final DepositLedger ledger;
    private final SettlementRepository settlements;
    private final EscrowEventHandler orders;

    public PledgeFunding(GroupBuyStore store, DepositLedger ledger, SettlementRepository settlements, EscrowEventHandler orders) {
        this.store = store;
        this.ledger = ledger;
        this.settlements = settlements;
        this.orders = orders;
    }

    @Override
    public void apply(EscrowEvent event) {
        Optional<Pledge> pledge = store.pledge(event.orderId());
        if (pledge.isEmpty()) {
            orders.apply(event);
            return;
        }
        try (var correlated = Correlation.order(event.orderId())) {
            switch (event) {
                case EscrowEvent.Deposited deposited -> {
                    ledger.record(DepositRecord.of(deposited));
                    refresh(pledge.get());
                }
                case EscrowEvent.Settled settled -> {
                    settlements.find(settled.orderId()).filter(s -> s.status() != SettlementStatus.CONFIRMED)
                            .ifPresent(s -> settlements.replace(s, s.confirmed()));
                    moveIf(pledge.get(), Pledge.PledgeStatus.FUNDED, Pledge.PledgeStatus.SETTLED);
                    log.info("pledge settlement confirmed on chain");
                }
                case EscrowEvent.Reclaimed reclaimed -> log.warn("pledge {} was reclaimed by its payer on chain", reclaimed.orderId());
            }
        }
    }

    @Override
    public void undo(EscrowEvent event) {
        Optional<Pledge> pledge = store.pledge(event.orderId());
        if (pledge.isEmpty()) {
            orders.undo(event);
            return;
        }
        try (var correlated = Correlation.order(event.orderId())) {
            switch (event) {
                case EscrowEvent.Deposited deposited -> {
                    ledger.remove(deposited.key(), deposited.blockHash());
                    refresh(pledge.get());
                }
                case EscrowEvent.Settled settled -> {
                    settlements.find(settled.orderId()).filter(s -> s.status() == SettlementStatus.CONFIRMED)
                            .ifPresent(s -> settlements.replace(s, s.next(SettlementStatus.SUBMITTED, s.outboxTxId())));
                    moveIf(pledge.get(), Pledge.PledgeStatus.SETTLED, Pledge.PledgeStatus.FUNDED);
                }
                case EscrowEvent.Reclaimed ignored -> {
                    // Nothing was changed for it.
                }
            }
        }
    }

    private void refresh(Pledge pledge) {
        long total = ledger.totalFor(pledge.pledgeId());
        if (total >= pledge.deposit()) {
            if (moveIf(pledge, Pledge.PledgeStatus.PENDING, Pledge.PledgeStatus.FUNDED)) log.info("pledge funded with {} micro-USDC", total);
        } else if (moveIf(pledge, Pledge.PledgeStatus.FUNDED, Pledge.PledgeStatus.PENDING)) {
            log.warn("pledge holds {} of {} micro-USDC after a reorg; it waits for its deposit again", total, pledge.deposit());
        }
    }

    /** Moves the pledge from {@code from} to {@code to}, re-reading after lost races; false if it is not at {@code from}. */
    private boolean moveIf(Pledge read, Pledge.PledgeStatus from, Pledge.PledgeStatus to) {
        Pledge pledge = read;
        while (pledge.status() == from) {
            if (store.replacePledge(pledge, pledge.moveTo(to))) return true;
            pledge = store.pledge(pledge.pledgeId()).orElseThrow();
        }
        return false;
    }
}
