package io.cyberplaza.core.order;

import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.DepositRecord;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventHandler;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies confirmed escrow events to orders.
 *
 * <ul>
 *   <li>Deposited: recorded in the ledger (once per log); the order's deposit becomes the ledger's
 *       total for it. A quoted order whose deposit now covers the escrow amount is FUNDED (an
 *       over-payment is refunded at settlement); an under-funded one waits for a top-up; a deposit
 *       to an order that already EXPIRED is refunded in full.</li>
 *   <li>Settled: the settlement is CONFIRMED and the order SETTLED.</li>
 *   <li>Undo (a reorg): the same, backwards.</li>
 * </ul>
 * Queue messages are sent from the resulting state every time, not only on the transition, so a
 * crash between the write and the send is repaired by the event's redelivery.
 */
public final class OrderFunding implements EscrowEventHandler {
    private static final Logger log = LoggerFactory.getLogger(OrderFunding.class);

    private final OrderUpdater orders;
    private final DepositLedger ledger;
    private final SettlementRepository settlements;
    private final WorkQueue queue;
    private final Metrics metrics;
    private final Clock clock;

    public OrderFunding(OrderRepository orders, DepositLedger ledger, SettlementRepository settlements, WorkQueue queue,
                        Metrics metrics, Clock clock) {
        this.orders = new OrderUpdater(orders);
        this.metrics = metrics;
        this.ledger = ledger;
        this.settlements = settlements;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void apply(EscrowEvent event) {
        try (var correlated = Correlation.order(event.orderId())) {
            applyCorrelated(event);
        }
    }

    private void applyCorrelated(EscrowEvent event) {
        switch (event) {
            case EscrowEvent.Deposited deposited -> {
                ledger.record(DepositRecord.of(deposited));
                refreshDeposit(deposited.orderId());
            }
            case EscrowEvent.Settled settled -> confirmSettlement(settled.orderId());
            case EscrowEvent.Reclaimed reclaimed ->
                    log.warn("order {} was reclaimed by its payer on chain; it was never settled", reclaimed.orderId());
        }
    }

    @Override
    public void undo(EscrowEvent event) {
        try (var correlated = Correlation.order(event.orderId())) {
            undoCorrelated(event);
        }
    }

    private void undoCorrelated(EscrowEvent event) {
        switch (event) {
            case EscrowEvent.Deposited deposited -> {
                ledger.remove(deposited.key(), deposited.blockHash());
                refreshDeposit(deposited.orderId());
            }
            case EscrowEvent.Settled settled -> unconfirmSettlement(settled.orderId());
            case EscrowEvent.Reclaimed ignored -> {
                // Nothing was changed for it.
            }
        }
    }

    private void refreshDeposit(String orderId) {
        long total = ledger.totalFor(orderId);
        Instant now = clock.instant();
        Optional<Order> stored = orders.update(orderId, order -> Optional.of(order)
                .filter(o -> o.deposited() != total || fundingChanges(o, total))
                .map(o -> afterDeposit(o.withDeposited(total, now), now)));
        if (stored.isEmpty()) {
            log.warn("a deposit for unknown order {} is held in the escrow", orderId);
            return;
        }
        Order order = stored.get();
        log.info("confirmed deposits total {} of {} micro-USDC; order is {}", total, order.escrowAmount(), order.state());
        if (order.state() == OrderState.FUNDED) queue.send(WorkQueue.Topic.PROVISION, orderId, "provision:" + orderId);
        if (order.state() == OrderState.SETTLING) queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId);
    }

    private static boolean fundingChanges(Order order, long total) {
        return (order.state() == OrderState.QUOTED && total >= order.escrowAmount())
                || (order.state() == OrderState.FUNDED && total < order.escrowAmount())
                || (order.state() == OrderState.EXPIRED && total > 0);
    }

    private static Order afterDeposit(Order order, Instant now) {
        return switch (order.state()) {
            // A coupon order is funded by its coupon alone: were a deposit enough, an order whose coupon
            // was used elsewhere could run on a deposit that settlement then refunds in full.
            case QUOTED -> order.isFunded() && !order.isPaidByCoupon() ? order.moveTo(OrderState.FUNDED, now) : order;
            case FUNDED -> order.isFunded() || order.isPaidByCoupon() ? order : order.moveTo(OrderState.QUOTED, now);
            // Late: the funding window had closed. Everything goes back to the payer.
            case EXPIRED -> order.deposited() > 0
                    ? order.withUsage(Usage.neverStarted(now), now).moveTo(OrderState.SETTLING, now) : order;
            default -> order; // a top-up while running: more time the escrow can pay for
        };
    }

    private void confirmSettlement(String orderId) {
        settlements.find(orderId).filter(s -> s.status() != SettlementStatus.CONFIRMED)
                .ifPresent(s -> replaceSettlement(s, s.confirmed()));
        // The change may be decided more than once (lost races); the last decision is the one stored.
        boolean[] settledNow = {false};
        Optional<Order> settled = orders.update(orderId, order -> {
            settledNow[0] = order.state() == OrderState.SETTLING;
            return settledNow[0] ? Optional.of(order.moveTo(OrderState.SETTLED, clock.instant())) : Optional.empty();
        });
        if (settledNow[0]) {
            settled.filter(o -> o.usage() != null && o.usage().endedAt() != null)
                    .ifPresent(o -> metrics.settlementConfirmed(Duration.between(o.usage().endedAt(), o.updatedAt())));
        }
        log.info("settlement confirmed on chain; order settled");
    }

    private void unconfirmSettlement(String orderId) {
        settlements.find(orderId).filter(s -> s.status() == SettlementStatus.CONFIRMED)
                .ifPresent(s -> replaceSettlement(s, s.next(SettlementStatus.SUBMITTED, s.outboxTxId())));
        Optional<Order> order = orders.update(orderId, o -> o.state() == OrderState.SETTLED
                ? Optional.of(o.moveTo(OrderState.SETTLING, clock.instant())) : Optional.empty());
        order.filter(o -> o.state() == OrderState.SETTLING)
                .ifPresent(o -> queue.send(WorkQueue.Topic.SETTLE, orderId, "settle:" + orderId + ":reorg"));
    }

    private void replaceSettlement(Settlement expected, Settlement next) {
        if (!settlements.replace(expected, next)) {
            log.debug("settlement of {} changed concurrently; the other writer's state stands", expected.orderId());
        }
    }
}
