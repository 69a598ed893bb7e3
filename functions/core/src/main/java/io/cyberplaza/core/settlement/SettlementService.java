package io.cyberplaza.core.settlement;

import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.order.CouponPayments;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.store.ConditionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The settle queue's consumer: fixes each ended order's split, then settles a batch in one escrow
 * transaction.
 *
 * <p>Order of writes: the split is stored (once per order; recomputed only while nothing was sent
 * and a late top-up changed the deposit), then each settlement is marked SUBMITTED with the batch's
 * transaction id, then the transaction is submitted under that id. A crash after marking leaves
 * SUBMITTED rows whose transaction was never recorded; {@link #resubmitUnsent} sends them with the
 * same id. The order becomes SETTLED when the Settled event is ingested, not when the receipt comes.
 */
public final class SettlementService {
    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

    private final OrderRepository orders;
    private final OrderUpdater updater;
    private final SettlementRepository settlements;
    private final EscrowSettler escrow;
    private final CapacityLedger capacity;
    private final CouponPayments coupons;
    private final Clock clock;

    public SettlementService(OrderRepository orders, SettlementRepository settlements, EscrowSettler escrow, Clock clock) {
        this(orders, settlements, escrow, CapacityLedger.UNLIMITED, CouponPayments.NONE, clock);
    }

    public SettlementService(OrderRepository orders, SettlementRepository settlements, EscrowSettler escrow, CapacityLedger capacity,
                             Clock clock) {
        this(orders, settlements, escrow, capacity, CouponPayments.NONE, clock);
    }

    public SettlementService(OrderRepository orders, SettlementRepository settlements, EscrowSettler escrow, CapacityLedger capacity,
                             CouponPayments coupons, Clock clock) {
        this.orders = orders;
        this.updater = new OrderUpdater(orders);
        this.capacity = capacity;
        this.coupons = coupons;
        this.settlements = settlements;
        this.escrow = escrow;
        this.clock = clock;
    }

    /** Settles the orders that are ready; returns the settlements included in the batch sent. */
    public List<Settlement> settle(List<String> orderIds) {
        Instant now = clock.instant();
        List<Settlement> ready = new ArrayList<>();
        // A message delivered twice in one batch names its order twice; marked twice, it would split the batch's ids.
        for (String orderId : orderIds.stream().distinct().toList()) {
            Order order = orders.find(orderId).orElse(null);
            if (order == null || order.state() != OrderState.SETTLING) continue;
            try (var correlated = Correlation.order(orderId)) {
                Optional<Settlement> split = fixSplit(order, now);
                // The run is over: the capacity it did not use goes back to the offer.
                capacity.settle(order.terms().offerId(), orderId, order.usedUnitSeconds());
                if (order.isPaidByCoupon()) {
                    // A coupon bought the run; one that bought nothing billable is its owner's to use again.
                    if (SettlementCalculator.billableUnitSeconds(order.terms(), order.usage()) == 0) coupons.release(order.couponId(), orderId);
                    if (split.isPresent() && split.get().deposit() == 0) {
                        closeWithoutEscrow(split.get(), now);
                        continue;
                    }
                }
                split.filter(s -> s.status() == SettlementStatus.COMPUTED).ifPresent(ready::add);
            }
        }
        return send(ready);
    }

    /**
     * Sends splits that are stored as COMPUTED in one escrow transaction, for orders and pledges
     * alike; returns those this call marked (another worker may have taken some). A batch the chain
     * refuses is sent again one settlement at a time, so one bad split never holds the others back.
     */
    public List<Settlement> send(List<Settlement> ready) {
        if (ready.isEmpty()) return List.of();
        String txId = batchId(ready);
        List<Settlement> marked = new ArrayList<>();
        for (Settlement settlement : ready) {
            if (settlements.replace(settlement, settlement.submitted(txId))) marked.add(settlement);
        }
        if (marked.isEmpty()) return List.of();
        // The marks are the batch: if another worker took some of them, the id must follow the members.
        String finalId = marked.size() == ready.size() ? txId : batchId(marked);
        if (!finalId.equals(txId)) remark(marked, finalId);
        submit(finalId, marked);
        for (Settlement s : marked) {
            try (var correlated = Correlation.order(s.orderId())) {
                log.info("settlement sent in transaction {}: provider {}, fee {}, refund {} of {} micro-USDC", finalId,
                        s.providerAmount(), s.fee(), s.refund(), s.deposit());
            }
        }
        return marked;
    }

    /** Submits the batch; if the chain refuses it, each member alone under an id of its own. */
    private void submit(String txId, List<Settlement> batch) {
        try {
            escrow.submit(txId, batch);
        } catch (EscrowSettler.Rejected rejected) {
            if (batch.size() == 1) {
                // Left SUBMITTED under an id nothing was recorded for: the meter's re-drive tries it again.
                log.warn("settlement of {} refused by the chain; retried by the next re-drive: {}", batch.getFirst().orderId(),
                        rejected.getMessage());
                return;
            }
            log.warn("settlement batch {} refused by the chain; sending its {} settlements one by one", txId, batch.size());
            for (Settlement member : batch) {
                String alone = batchId(List.of(member));
                remark(List.of(member), alone);
                submit(alone, List.of(member));
            }
        }
    }

    private void remark(List<Settlement> members, String txId) {
        for (Settlement s : members) {
            Settlement current = settlements.find(s.orderId()).orElseThrow();
            settlements.replace(current, current.next(current.status(), txId));
        }
    }

    /**
     * The escrow skipped this order's settlement, or its transaction reverted: read what the escrow
     * holds for it now, decide the split again over that balance and send it under a new id. An order
     * that is no longer open on chain was settled or reclaimed: its own event decides it.
     */
    public void redecide(String orderId, EscrowEvent.SkipReason reason) {
        try (var correlated = Correlation.order(orderId)) {
            Settlement stored = settlements.find(orderId).orElse(null);
            if (stored == null || stored.status() == SettlementStatus.CONFIRMED) return;
            if (reason == EscrowEvent.SkipReason.FEE_TOO_HIGH || reason == EscrowEvent.SkipReason.NO_PROVIDER) {
                // Deciding again gives the same split: this is a fault in the platform's own rules.
                log.error("the escrow refused the split itself ({}): provider {}, fee {}; an operator must look at it", reason,
                        stored.providerAmount(), stored.fee());
                return;
            }
            OptionalLong balance = escrow.openBalance(stored.owner(), orderId);
            if (balance.isEmpty()) {
                log.info("the order is no longer open in the escrow; its Settled or Reclaimed event decides it");
                return;
            }
            Settlement decided = stored.over(balance.getAsLong());
            if (!settlements.replace(stored, decided)) return;
            log.info("settlement decided again over the escrow's balance of {} micro-USDC (was {})", balance.getAsLong(), stored.deposit());
            send(List.of(decided));
        }
    }

    /**
     * A coupon order nobody deposited for: the escrow holds nothing of it, so no transaction is sent
     * (the chain would refuse to settle an order it never saw) and the all-zero split is final at once.
     */
    private void closeWithoutEscrow(Settlement split, Instant now) {
        if (split.status() == SettlementStatus.COMPUTED && !settlements.replace(split, split.confirmed())) return;
        updater.update(split.orderId(), o -> o.state() == OrderState.SETTLING
                ? Optional.of(o.moveTo(OrderState.SETTLED, now)) : Optional.empty());
        log.info("order paid by coupon settled: nothing held in the escrow, nothing to send");
    }

    /**
     * Recovery, each batch on its own so one failure never stops the rest: SUBMITTED settlements whose
     * transaction was never recorded are sent with their id; those whose transaction reverted are
     * decided again; those whose mined transaction a deep reorganisation took away are sent again.
     */
    public int resubmitUnsent() {
        Map<String, List<Settlement>> byTx = new TreeMap<>();
        for (Settlement s : settlements.findByStatus(SettlementStatus.SUBMITTED)) {
            byTx.computeIfAbsent(s.outboxTxId(), id -> new ArrayList<>()).add(s);
        }
        int resent = 0;
        for (var batch : byTx.entrySet()) {
            try {
                if (!escrow.isRecorded(batch.getKey())) {
                    log.warn("settlement transaction {} was marked but never sent; sending it now", batch.getKey());
                    submit(batch.getKey(), batch.getValue());
                    resent++;
                } else if (escrow.isReverted(batch.getKey())) {
                    log.warn("settlement transaction {} reverted; deciding its {} settlements again", batch.getKey(), batch.getValue().size());
                    for (Settlement s : batch.getValue()) redecide(s.orderId(), EscrowEvent.SkipReason.UNDERFUNDED);
                    resent++;
                } else if (escrow.resendIfDropped(batch.getKey())) {
                    // The ingestor undid its Settled events; left alone, its rows would wait for a receipt that no longer exists.
                    log.warn("settlement transaction {} was taken off the chain by a reorganisation deeper than the confirmations; "
                            + "sent again for its {} settlements", batch.getKey(), batch.getValue().size());
                    resent++;
                } else {
                    resent += sendWhatTheTransactionLeftOut(batch.getKey(), batch.getValue());
                }
            } catch (RuntimeException e) {
                log.warn("settlement transaction {} could not be re-driven now; the next run tries again", batch.getKey(), e);
            }
        }
        return resent;
    }

    /**
     * Rows marked under an id whose recorded transaction does not carry them (recorded by a reader that
     * saw the batch half re-marked): nothing would ever settle them, so each goes alone under an id of its own.
     */
    private int sendWhatTheTransactionLeftOut(String txId, List<Settlement> marked) {
        int resent = 0;
        for (Settlement s : marked) {
            if (escrow.carries(txId, s.orderId())) continue;
            Settlement current = settlements.find(s.orderId()).orElse(null);
            if (current == null || current.status() != SettlementStatus.SUBMITTED || !txId.equals(current.outboxTxId())) continue;
            String alone = batchId(List.of(current));
            log.warn("settlement of {} was marked in transaction {}, which does not carry it; sending it alone as {}", s.orderId(), txId, alone);
            remark(List.of(current), alone);
            submit(alone, List.of(current));
            resent++;
        }
        return resent;
    }

    private Optional<Settlement> fixSplit(Order order, Instant now) {
        return fix(SettlementCalculator.split(order, now));
    }

    /**
     * Stores an escrow order's split once and returns the stored one; the split is recomputed only
     * while nothing was sent and the deposit changed since (a top-up or a late deposit: the chain
     * would refuse a split of the old balance). Orders and pledges alike.
     */
    public Optional<Settlement> fix(Settlement computed) {
        String orderId = computed.orderId();
        var existing = settlements.find(orderId);
        if (existing.isEmpty()) {
            try {
                settlements.create(computed);
                return Optional.of(computed);
            } catch (ConditionFailedException raced) {
                return settlements.find(orderId);
            }
        }
        Settlement stored = existing.get();
        if (stored.status() == SettlementStatus.COMPUTED && stored.deposit() != computed.deposit()) {
            Settlement recomputed = stored.replacedBy(computed);
            return settlements.replace(stored, recomputed) ? Optional.of(recomputed) : settlements.find(orderId);
        }
        return existing;
    }

    /** A transaction id that depends only on the batch's members and their versions, so a retried batch reuses it. */
    static String batchId(List<Settlement> batch) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            // The version is part of it: a split decided again is a new transaction, a retried one the same.
            batch.stream().map(s -> s.orderId() + ":" + s.version()).sorted()
                    .forEach(id -> digest.update(id.getBytes(StandardCharsets.UTF_8)));
            return "settle:" + HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
