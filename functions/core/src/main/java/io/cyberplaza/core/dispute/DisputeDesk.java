package io.cyberplaza.core.dispute;

import io.cyberplaza.core.dispute.Dispute.DisputeStatus;
import io.cyberplaza.core.dispute.Dispute.Opener;
import io.cyberplaza.core.dispute.Dispute.Resolution;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.store.ConditionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Disputes over held payouts, from the owner's request to the chain's split. The API asks (open,
 * answer, resolve); the escrow's events decide (a payout is frozen when the chain says so, split
 * when the chain split it), so a dispute opened on chain, one opened through the API and a
 * guardian's freeze all end in the same record. SLA refunds never come here: the meter settles
 * them; a dispute is for what the meter could not see.
 */
public final class DisputeDesk implements EscrowEventRouter.DisputeEvents {
    private static final Logger log = LoggerFactory.getLogger(DisputeDesk.class);
    private static final int MAX_ATTEMPTS = 16;
    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    /** Alert kind: a settlement on chain that the platform never made (a stolen settler key). */
    public static final String UNRECORDED_SETTLEMENT = "unrecorded-settlement";

    private final DisputeRepository disputes;
    private final OrderRepository orders;
    private final OrderUpdater updater;
    private final SettlementRepository settlements;
    private final EscrowDisputes escrow;
    private final Metrics metrics;
    private final Clock clock;

    public DisputeDesk(DisputeRepository disputes, OrderRepository orders, SettlementRepository settlements, EscrowDisputes escrow,
                       Metrics metrics, Clock clock) {
        this.disputes = disputes;
        this.orders = orders;
        this.updater = new OrderUpdater(orders);
        this.settlements = settlements;
        this.escrow = escrow;
        this.metrics = metrics;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- requests

    /**
     * The owner disputes its order's held payout: the platform sends the dispute to the escrow for
     * the owner; the payout is frozen (and the order DISPUTED) once the chain confirms it. Asking
     * again returns the same dispute.
     */
    public Dispute open(String caller, String orderId, String reason, String evidence) {
        Order order = orders.find(orderId).filter(o -> o.owner().equalsIgnoreCase(caller))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no such order of the caller's"));
        Optional<Dispute> existing = disputes.find(Dispute.idOf(orderId));
        if (existing.isPresent()) return existing.get();
        Settlement settlement = settlements.find(orderId).filter(s -> s.status() == SettlementStatus.CONFIRMED)
                .filter(s -> order.state() == OrderState.SETTLED)
                .orElseThrow(() -> new DomainException(ErrorType.STATE_CONFLICT,
                        "the order is " + order.state() + ": only a settled order's held payout can be disputed"));
        Instant now = clock.instant();
        if (settlement.providerAmount() == 0) {
            throw new DomainException(ErrorType.DISPUTE_WINDOW_CLOSED, "nothing was paid to the provider: the escrow refunded everything");
        }
        if (!now.isBefore(Instant.ofEpochSecond(settlement.releaseAt()))) {
            throw new DomainException(ErrorType.DISPUTE_WINDOW_CLOSED,
                    "the payout was released at " + Instant.ofEpochSecond(settlement.releaseAt()) + "; disputes close then");
        }
        String txId = "dispute-open:" + orderId;
        Dispute requested = Dispute.requested(orderId, order.owner(), settlement.provider(), settlement.providerAmount(), reason, evidence,
                txId, now);
        try {
            disputes.create(requested);
        } catch (ConditionFailedException raced) {
            return disputes.find(requested.disputeId()).orElseThrow();
        }
        try (var correlated = Correlation.order(orderId)) {
            escrow.openFor(txId, order.owner(), orderId);
            log.info("dispute {} sent to the escrow for the owner", requested.disputeId());
        } catch (EscrowDisputes.Refused refused) {
            disputes.replace(requested, requested.refusedByChain("the escrow would not freeze the payout: " + refused.getMessage(), now));
            throw new DomainException(ErrorType.DISPUTE_WINDOW_CLOSED, "the escrow no longer holds this payout for disputes");
        } catch (EscrowDisputes.NotSentYet later) {
            // The request stands: the meter's reconcile sends it under the same id.
            log.warn("dispute {} not sent yet ({}); it is sent on the next reconcile", requested.disputeId(), later.getMessage());
        }
        return requested;
    }

    /** The provider answers a dispute over its payout (evidence, an explanation); kept in order. */
    public Dispute respond(String provider, String disputeId, String text) {
        return change(disputeId, d -> {
            if (d.provider() == null || !d.provider().equalsIgnoreCase(provider)) {
                throw new DomainException(ErrorType.NOT_FOUND, "no such dispute over a payout of the caller's");
            }
            if (d.status().isFinal()) throw new DomainException(ErrorType.STATE_CONFLICT, "the dispute is " + d.status() + ": answers are closed");
            if (d.responses().size() >= Dispute.MAX_RESPONSES) {
                throw new DomainException(ErrorType.STATE_CONFLICT, "a dispute keeps at most " + Dispute.MAX_RESPONSES + " answers");
            }
            return Optional.of(d.answered(new Dispute.Response(provider.toLowerCase(), text, clock.instant())));
        }).orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no such dispute over a payout of the caller's"));
    }

    /**
     * An operator's decision: {@code providerShareBps} of the held payout to the provider, the rest to
     * the owner. Up to the escalation threshold it is sent with the arbiter's key; above it the
     * dispute is ESCALATED with the governance action that carries it out. The same decision asked
     * again returns the dispute as it is; a different one while the first is on its way is refused.
     */
    public Dispute resolve(String disputeId, int providerShareBps) {
        if (providerShareBps < 0 || providerShareBps > 10_000) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "the provider's share is 0 to 10000 basis points");
        }
        Dispute current = disputes.find(disputeId).orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no such dispute"));
        Resolution asked = split(current.held(), providerShareBps);
        if (current.resolution() != null && current.status() != DisputeStatus.RESOLVED
                && current.resolution().toProvider() == asked.toProvider()) {
            return current;
        }
        if (current.status() != DisputeStatus.OPEN) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "the dispute is " + current.status() + ": only an OPEN dispute can be resolved");
        }
        Instant now = clock.instant();
        boolean escalated = current.held() > escrow.escalationThreshold();
        String txId = "dispute-resolve:" + disputeId + ":" + current.version();
        Dispute next = escalated
                ? current.escalated(asked, escrow.governanceResolution(current.owner(), current.orderId(), asked.toProvider()), now)
                : current.resolving(asked, txId, now);
        if (!disputes.replace(current, next)) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "the dispute changed meanwhile; read it and decide again");
        }
        try (var correlated = Correlation.order(current.orderId())) {
            if (escalated) {
                log.info("dispute {} over {} micro-USDC escalated to governance: {} to the provider, {} to the owner", disputeId,
                        current.held(), asked.toProvider(), asked.toOwner());
            } else {
                try {
                    escrow.resolve(txId, current.owner(), current.orderId(), asked.toProvider());
                } catch (EscrowDisputes.Refused refused) {
                    disputes.replace(next, next.refusedByChain("the escrow refused the resolution: " + refused.getMessage(), now));
                    throw new DomainException(ErrorType.STATE_CONFLICT, "the escrow refused the resolution as it stands; read the dispute");
                } catch (EscrowDisputes.NotSentYet later) {
                    log.warn("dispute {} resolution not sent yet ({}); it is sent on the next reconcile", disputeId, later.getMessage());
                    return next;
                }
                log.info("dispute {} resolution sent: {} to the provider, {} to the owner", disputeId, asked.toProvider(), asked.toOwner());
            }
        }
        return next;
    }

    private void resend(Dispute d) {
        if (d.status() == DisputeStatus.OPENING) escrow.openFor(d.pendingTx(), d.owner(), d.orderId());
        else escrow.resolve(d.pendingTx(), d.owner(), d.orderId(), d.resolution().toProvider());
        log.info("dispute {}: its transaction was never recorded; sent again", d.disputeId());
    }

    static Resolution split(long held, int providerShareBps) {
        long toProvider = BigInteger.valueOf(held).multiply(BigInteger.valueOf(providerShareBps)).divide(BPS).longValueExact();
        return new Resolution(toProvider, held - toProvider, null);
    }

    public Optional<Dispute> find(String disputeId) {
        return disputes.find(disputeId);
    }

    /** Visible to the order's owner, the provider it is about, and operators. */
    public Dispute visibleTo(String caller, boolean operator, String disputeId) {
        return disputes.find(disputeId)
                .filter(d -> operator || d.owner().equalsIgnoreCase(caller) || d.provider() != null && d.provider().equalsIgnoreCase(caller))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no such dispute of the caller's"));
    }

    public List<Dispute> ofProvider(String provider) {
        return disputes.findByProvider(provider.toLowerCase());
    }

    /** Every dispute still waiting for something, oldest first (the operators' queue). */
    public List<Dispute> unresolved() {
        List<Dispute> all = new ArrayList<>();
        for (DisputeStatus status : DisputeStatus.values()) if (!status.isFinal()) all.addAll(disputes.findByStatus(status));
        all.sort(Comparator.comparing(Dispute::openedAt));
        return all;
    }

    /** A provider's payout as the escrow holds it, with the dispute over it if any. */
    public record PayoutView(String orderId, long amount, EscrowDisputes.PayoutStatus status, Instant heldUntil, String disputeId) {
    }

    /** The provider's confirmed payouts, each read from the escrow as it stands now, newest release first. */
    public List<PayoutView> payoutsOf(String provider) {
        Instant now = clock.instant();
        List<PayoutView> views = new ArrayList<>();
        for (Settlement s : settlements.findByProvider(provider.toLowerCase())) {
            if (s.status() != SettlementStatus.CONFIRMED || s.providerAmount() == 0) continue;
            EscrowDisputes.Payout onChain = escrow.payout(s.owner(), s.orderId());
            EscrowDisputes.PayoutStatus status = onChain.status() == EscrowDisputes.PayoutStatus.HELD
                    && !now.isBefore(Instant.ofEpochSecond(onChain.releaseAt())) ? EscrowDisputes.PayoutStatus.RELEASED : onChain.status();
            long amount = status == EscrowDisputes.PayoutStatus.WITHDRAWN || status == EscrowDisputes.PayoutStatus.NONE
                    ? s.providerAmount() : onChain.amount();
            String disputeId = disputes.find(Dispute.idOf(s.orderId())).map(Dispute::disputeId).orElse(null);
            views.add(new PayoutView(s.orderId(), amount, status, Instant.ofEpochSecond(s.releaseAt()), disputeId));
        }
        views.sort(Comparator.comparing(PayoutView::heldUntil).reversed());
        return views;
    }

    public List<Dispute> inStatus(DisputeStatus status) {
        return disputes.findByStatus(status);
    }

    /**
     * A transaction the platform sent that the chain reverted is a point to decide again, never a
     * stuck row: a refused opening ends the dispute (the window closed), a refused resolution puts
     * it back in the operators' queue. Each dispute on its own.
     */
    public int reconcile() {
        int changed = 0;
        for (DisputeStatus waiting : List.of(DisputeStatus.OPENING, DisputeStatus.RESOLVING)) {
            for (Dispute d : disputes.findByStatus(waiting)) {
                try (var correlated = Correlation.order(d.orderId())) {
                    if (d.pendingTx() == null) continue;
                    EscrowDisputes.Role role = waiting == DisputeStatus.OPENING ? EscrowDisputes.Role.SETTLER : EscrowDisputes.Role.ARBITER;
                    if (!escrow.isRecorded(role, d.pendingTx())) {
                        // Lost between our row and the sender's: send it again under the same id.
                        resend(d);
                        continue;
                    }
                    if (!escrow.isReverted(role, d.pendingTx())) continue;
                    String why = waiting == DisputeStatus.OPENING
                            ? "the escrow refused to freeze the payout: its dispute window had closed"
                            : "the escrow refused the resolution; decide again";
                    if (disputes.replace(d, d.refusedByChain(why, clock.instant()))) {
                        log.warn("dispute {}: {}", d.disputeId(), why);
                        changed++;
                    }
                } catch (RuntimeException e) {
                    log.warn("dispute {} could not be reconciled now; the next run tries again", d.disputeId(), e);
                }
            }
        }
        return changed;
    }

    // ---------------------------------------------------------------- the chain's decisions

    @Override
    public void apply(EscrowEvent event) {
        Instant now = clock.instant();
        switch (event) {
            case EscrowEvent.DisputeOpened opened -> {
                Opener opener = opened.by().equalsIgnoreCase(opened.owner()) ? Opener.OWNER_ON_CHAIN : Opener.OWNER;
                frozen(opened.orderId(), opened.owner(), opened.held(), opener, "opened by the owner on chain", now);
            }
            case EscrowEvent.PayoutFrozen frozen ->
                    frozen(frozen.orderId(), frozen.owner(), frozen.held(), Opener.GUARDIAN, "frozen by the guardian", now);
            case EscrowEvent.DisputeResolved resolved -> resolved(resolved, now);
            default -> { }
        }
    }

    @Override
    public void undo(EscrowEvent event) {
        // The ingestor hands over blocks at its confirmation depth; a reorg deeper than that is an
        // incident for operators, not something to unwind silently. The new chain's events re-apply.
        log.error("a dispute event was reorganised away ({}); the dispute keeps its state until the chain's events say otherwise", event.key());
        metrics.alert("dispute-reorganised");
    }

    /**
     * The watchdog: a settlement on chain that the platform never recorded. With the settler's key
     * stolen, this is the thief paying themselves: the guardian freezes the payout before its release.
     */
    @Override
    public void unrecordedSettlement(EscrowEvent.Settled settled) {
        metrics.alert(UNRECORDED_SETTLEMENT);
        log.error("a settlement the platform never made: {} micro-USDC to {}; freezing it with the guardian's key",
                settled.providerAmount(), settled.provider());
        if (settled.providerAmount() == 0) return;
        escrow.freeze("freeze:" + settled.key(), settled.owner(), settled.orderId());
    }

    private void frozen(String orderId, String owner, long held, Opener opener, String reason, Instant now) {
        String provider = settlements.find(orderId).map(Settlement::provider).orElse(null);
        Dispute fresh = Dispute.frozenOnChain(orderId, owner.toLowerCase(), provider, held, opener, reason, now);
        Optional<Dispute> stored = disputes.find(fresh.disputeId());
        if (stored.isEmpty()) {
            try {
                disputes.create(fresh);
                log.info("payout frozen on chain ({}): dispute {} opened", opener, fresh.disputeId());
            } catch (ConditionFailedException raced) {
                change(fresh.disputeId(), d -> d.status() == DisputeStatus.OPENING ? Optional.of(d.opened(held, now)) : Optional.empty());
            }
        } else {
            change(fresh.disputeId(), d -> d.status() == DisputeStatus.OPENING || d.status() == DisputeStatus.REFUSED
                    ? Optional.of(d.opened(held, now)) : Optional.empty());
        }
        updater.update(orderId, o -> o.state() == OrderState.SETTLED ? Optional.of(o.moveTo(OrderState.DISPUTED, now)) : Optional.empty());
    }

    private void resolved(EscrowEvent.DisputeResolved event, Instant now) {
        Resolution made = new Resolution(event.toProvider(), event.toOwner(), event.key().txHash());
        String disputeId = Dispute.idOf(event.orderId());
        if (disputes.find(disputeId).isEmpty()) {
            frozen(event.orderId(), event.owner(), event.toProvider() + event.toOwner(), Opener.OWNER_ON_CHAIN,
                    "resolved on chain before the platform saw it opened", now);
        }
        change(disputeId, d -> d.status() == DisputeStatus.RESOLVED ? Optional.empty() : Optional.of(d.resolved(made, now)));
        log.info("dispute {} resolved on chain: {} to the provider, {} to the owner", disputeId, made.toProvider(), made.toOwner());
        updater.update(event.orderId(), o -> o.state() == OrderState.SETTLED ? Optional.of(o.moveTo(OrderState.DISPUTED, now)) : Optional.empty());
        updater.update(event.orderId(), o -> o.state() == OrderState.DISPUTED ? Optional.of(o.moveTo(OrderState.RESOLVED, now)) : Optional.empty());
    }

    /** Read, decide, conditionally write, as orders are changed. */
    private Optional<Dispute> change(String disputeId, Function<Dispute, Optional<Dispute>> decide) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Optional<Dispute> current = disputes.find(disputeId);
            if (current.isEmpty()) return Optional.empty();
            Optional<Dispute> next = decide.apply(current.get());
            if (next.isEmpty()) return current;
            if (disputes.replace(current.get(), next.get())) return next;
        }
        throw new ConcurrentModificationException("dispute " + disputeId + " kept changing under " + MAX_ATTEMPTS + " attempts");
    }
}
