package io.cyberplaza.core.escrow;

import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one place that says where an escrow event goes. Every event runs the same steps: find which
 * kind of escrow order its id belongs to (a pledge goes to the pledges, an order to the orders),
 * check that the on-chain owner is the order's owner (the same id under another owner is somebody
 * else's money, never ours), do the shared bookkeeping once (the deposit ledger, the settlement row),
 * then let the kind change its own state. Disputes go to the dispute desk whatever the kind.
 */
public final class EscrowEventRouter implements EscrowEventHandler {
    private static final Logger log = LoggerFactory.getLogger(EscrowEventRouter.class);

    /** What happens when the escrow refused a settlement: it is decided again from the chain's balance. */
    public interface SettlementRedecision {
        void redecide(String orderId, EscrowEvent.SkipReason reason);
    }

    /** Where dispute events go (orders and pledges alike). */
    public interface DisputeEvents {
        DisputeEvents NONE = event -> { };

        void apply(EscrowEvent event);

        default void undo(EscrowEvent event) {
        }

        /** A settlement on chain that the platform never made or whose split is not the one it recorded. */
        default void unrecordedSettlement(EscrowEvent.Settled settled) {
        }
    }

    private final DepositLedger ledger;
    private final SettlementRepository settlements;
    private final List<EscrowAccounts> kinds;
    private final SettlementRedecision redecision;
    private final DisputeEvents disputes;

    public EscrowEventRouter(DepositLedger ledger, SettlementRepository settlements, List<EscrowAccounts> kinds,
                             SettlementRedecision redecision, DisputeEvents disputes) {
        this.ledger = ledger;
        this.settlements = settlements;
        this.kinds = List.copyOf(kinds);
        this.redecision = redecision;
        this.disputes = disputes;
    }

    @Override
    public void apply(EscrowEvent event) {
        try (var correlated = Correlation.order(event.orderId())) {
            // Before routing: a stolen settler key can settle orders the platform does not know too.
            if (event instanceof EscrowEvent.Settled settled && !recorded(settled)) {
                disputes.unrecordedSettlement(settled);
                route(event).ifPresent(kind -> kind.settledWithoutUs(event.orderId(), settled.providerAmount()));
                return;
            }
            route(event).ifPresent(kind -> {
                switch (event) {
                    case EscrowEvent.Deposited deposited -> {
                        ledger.record(DepositRecord.of(deposited));
                        kind.depositsChanged(event.orderId(), ledger.totalFor(event.orderId()));
                    }
                    case EscrowEvent.Settled settled -> {
                        confirm(settled);
                        kind.settled(event.orderId());
                    }
                    case EscrowEvent.SettlementSkipped skipped -> {
                        log.warn("the escrow skipped the settlement ({}); deciding it again", skipped.reason());
                        redecision.redecide(event.orderId(), skipped.reason());
                    }
                    case EscrowEvent.Reclaimed reclaimed -> kind.reclaimed(event.orderId(), reclaimed.amount());
                    case EscrowEvent.DisputeOpened ignored -> disputes.apply(event);
                    case EscrowEvent.PayoutFrozen ignored -> disputes.apply(event);
                    case EscrowEvent.DisputeResolved ignored -> disputes.apply(event);
                }
            });
        }
    }

    @Override
    public void undo(EscrowEvent event) {
        try (var correlated = Correlation.order(event.orderId())) {
            route(event).ifPresent(kind -> {
                switch (event) {
                    case EscrowEvent.Deposited deposited -> {
                        ledger.remove(deposited.key(), deposited.blockHash());
                        kind.depositsChanged(event.orderId(), ledger.totalFor(event.orderId()));
                    }
                    case EscrowEvent.Settled settled -> {
                        unconfirm(settled);
                        kind.unsettled(event.orderId());
                    }
                    // A skip changed nothing on chain; a re-decision made for it is still right.
                    case EscrowEvent.SettlementSkipped ignored -> { }
                    // The order stays closed: the owner can reclaim again on the new chain, and the
                    // platform, having stopped the compute, must not start it again.
                    case EscrowEvent.Reclaimed ignored -> { }
                    case EscrowEvent.DisputeOpened ignored -> disputes.undo(event);
                    case EscrowEvent.PayoutFrozen ignored -> disputes.undo(event);
                    case EscrowEvent.DisputeResolved ignored -> disputes.undo(event);
                }
            });
        }
    }

    private Optional<EscrowAccounts> route(EscrowEvent event) {
        for (EscrowAccounts kind : kinds) {
            Optional<String> owner = kind.ownerOf(event.orderId());
            if (owner.isEmpty()) continue;
            if (!owner.get().equalsIgnoreCase(event.owner())) {
                log.warn("escrow event {} is for the order id of another owner ({}); not ours", event.key(), event.owner());
                return Optional.empty();
            }
            return Optional.of(kind);
        }
        log.warn("escrow event {} is for an order the platform does not know; its money stays in the escrow", event.key());
        return Optional.empty();
    }

    /** The chain's split is the one that happened: it may refund more than ours (money that came late). */
    private void confirm(EscrowEvent.Settled settled) {
        changeSettlement(settled.orderId(), stored -> {
            if (stored.status() == SettlementStatus.CONFIRMED && matches(stored, settled)) return;
            if (stored.refund() != settled.refund()) {
                log.info("settled on chain with a refund of {} micro-USDC where {} was computed: {} arrived after the split",
                        settled.refund(), stored.refund(), settled.refund() - stored.refund());
            }
            String provider = settled.providerAmount() == 0 ? stored.provider() : settled.provider();
            Settlement onChain = new Settlement(stored.orderId(), stored.owner(), provider, settled.deposit(),
                    settled.providerAmount(), settled.fee(), settled.refund(), settled.releaseAt(), SettlementStatus.CONFIRMED,
                    stored.outboxTxId(), stored.version());
            if (!settlements.replace(stored, stored.replacedBy(onChain))) {
                log.debug("settlement of {} changed concurrently; the other writer's state stands", stored.orderId());
            }
        });
    }

    private void unconfirm(EscrowEvent.Settled settled) {
        changeSettlement(settled.orderId(), stored -> {
            if (stored.status() == SettlementStatus.CONFIRMED) {
                settlements.replace(stored, stored.next(SettlementStatus.SUBMITTED, stored.outboxTxId()));
            }
        });
    }

    private void changeSettlement(String orderId, Consumer<Settlement> change) {
        settlements.find(orderId).ifPresent(change);
    }

    /**
     * Whether the platform made this settlement: the split it recorded for the owner's order pays the
     * same provider the same payout and fee. The refund may differ (money that came after the split).
     */
    private boolean recorded(EscrowEvent.Settled settled) {
        return settlements.find(settled.orderId())
                .filter(s -> s.owner() != null && s.owner().equalsIgnoreCase(settled.owner()))
                .filter(s -> s.providerAmount() == settled.providerAmount() && s.fee() == settled.fee())
                .filter(s -> settled.providerAmount() == 0 || s.provider() != null && s.provider().equalsIgnoreCase(settled.provider()))
                .isPresent();
    }

    private static boolean matches(Settlement stored, EscrowEvent.Settled settled) {
        return stored.providerAmount() == settled.providerAmount() && stored.fee() == settled.fee()
                && stored.refund() == settled.refund() && stored.releaseAt() == settled.releaseAt();
    }
}
