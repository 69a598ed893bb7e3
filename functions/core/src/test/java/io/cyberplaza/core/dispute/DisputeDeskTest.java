package io.cyberplaza.core.dispute;

import io.cyberplaza.core.contract.OrderRepositoryContract;
import io.cyberplaza.core.dispute.Dispute.DisputeStatus;
import io.cyberplaza.core.dispute.EscrowDisputes.Role;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.fakes.InMemoryDepositLedger;
import io.cyberplaza.core.fakes.InMemoryDisputeRepository;
import io.cyberplaza.core.fakes.InMemoryOrderRepository;
import io.cyberplaza.core.fakes.InMemorySettlementRepository;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingEscrowDisputes;
import io.cyberplaza.core.fakes.RecordingMetrics;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import io.cyberplaza.core.order.OrderFunding;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisputeDeskTest {
    private static final String OWNER = "0x00000000000000000000000000000000000000a1";
    private static final String PROVIDER = "0x00000000000000000000000000000000000000b2";
    private static final String STRANGER = "0x00000000000000000000000000000000000000c3";
    private static final long USDC = 1_000_000;
    private static final AtomicInteger LOGS = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final InMemoryOrderRepository orders = new InMemoryOrderRepository();
    private final InMemorySettlementRepository settlements = new InMemorySettlementRepository();
    private final InMemoryDisputeRepository disputes = new InMemoryDisputeRepository();
    private final RecordingEscrowDisputes escrow = new RecordingEscrowDisputes();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final DisputeDesk desk = new DisputeDesk(disputes, orders, settlements, escrow, metrics, clock);

    /** A settled order whose provider payout of {@code payout} is held for 72 hours. */
    private String settled(long payout) {
        String orderId = OrderRepositoryContract.randomOrderId();
        Instant now = clock.instant();
        orders.create(new Order(orderId, OWNER, OrderState.SETTLED, OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD,
                payout + USDC, payout + USDC, now, now.plus(Duration.ofMinutes(30)), now, null, null, null, 0));
        settlements.create(new Settlement(orderId, OWNER, PROVIDER, payout + USDC, payout, USDC / 2, USDC / 2,
                now.plus(Duration.ofHours(72)).getEpochSecond(), SettlementStatus.CONFIRMED, "settle:1", 0));
        return orderId;
    }

    private static EventKey key() {
        return new EventKey("0x" + String.format("%064x", LOGS.incrementAndGet()), 0);
    }

    private EscrowEvent.DisputeOpened openedOnChain(String orderId, String by, long held) {
        return new EscrowEvent.DisputeOpened(key(), 10, "0xblock", orderId, OWNER, by, held);
    }

    private static ErrorType refusal(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e.type();
        }
        throw new AssertionError("not refused");
    }

    @Nested
    class Opening {
        @Test
        void theOwnerDisputesWithinTheWindowOnceAndTheChainDecidesWhenItIsOpen() {
            String orderId = settled(9 * USDC);
            Dispute opening = desk.open(OWNER, orderId, "the output was empty", "https://example.com/run");
            assertThat(opening.status()).isEqualTo(DisputeStatus.OPENING);
            assertThat(opening.held()).isEqualTo(9 * USDC);
            assertThat(desk.open(OWNER, orderId, "again", null)).as("asking twice is one dispute").isEqualTo(opening);
            assertThat(escrow.calls).singleElement().satisfies(c -> {
                assertThat(c.role()).isEqualTo(Role.SETTLER);
                assertThat(c.method()).isEqualTo("openDisputeFor");
                assertThat(c.owner()).isEqualTo(OWNER);
            });
            assertThat(orders.find(orderId).orElseThrow().state()).as("not frozen until the chain says so").isEqualTo(OrderState.SETTLED);

            desk.apply(openedOnChain(orderId, "0x00000000000000000000000000000000000000d4", 9 * USDC));
            assertThat(disputes.find(opening.disputeId()).orElseThrow().status()).isEqualTo(DisputeStatus.OPEN);
            assertThat(orders.find(orderId).orElseThrow().state()).isEqualTo(OrderState.DISPUTED);
        }

        @Test
        void aDisputeTheSenderCannotSendNowIsAcceptedAndSentByTheNextReconcile() {
            String orderId = settled(9 * USDC);
            escrow.busyNext = true;
            Dispute opening = desk.open(OWNER, orderId, "the output was empty", null);
            assertThat(opening.status()).as("the owner's request stands, not a server error").isEqualTo(DisputeStatus.OPENING);
            assertThat(escrow.calls).isEmpty();

            desk.reconcile();
            assertThat(escrow.calls).singleElement().satisfies(c -> assertThat(c.txId()).isEqualTo(opening.pendingTx()));

            desk.apply(openedOnChain(orderId, "0x00000000000000000000000000000000000000d4", 9 * USDC));
            escrow.busyNext = true;
            Dispute resolving = desk.resolve(opening.disputeId(), 5_000);
            assertThat(resolving.status()).isEqualTo(DisputeStatus.RESOLVING);
            desk.reconcile();
            assertThat(escrow.calls).extracting(RecordingEscrowDisputes.Call::method).containsExactly("openDisputeFor", "resolve");
        }

        @Test
        void strangersUnsettledOrdersAndReleasedPayoutsCannotBeDisputed() {
            String orderId = settled(9 * USDC);
            assertThat(refusal(() -> desk.open(STRANGER, orderId, "mine", null))).isEqualTo(ErrorType.NOT_FOUND);
            String running = OrderRepositoryContract.randomOrderId();
            orders.create(new Order(running, OWNER, OrderState.RUNNING, OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD,
                    USDC, USDC, clock.instant(), clock.instant(), clock.instant(), "res-1", null, null, 0));
            assertThat(refusal(() -> desk.open(OWNER, running, "too early", null))).isEqualTo(ErrorType.STATE_CONFLICT);
            clock.advance(Duration.ofHours(72));
            assertThat(refusal(() -> desk.open(OWNER, orderId, "too late", null))).isEqualTo(ErrorType.DISPUTE_WINDOW_CLOSED);
            assertThat(escrow.calls).isEmpty();
        }

        @Test
        void anOpeningTheChainRefusesOrRevertsEndsTheDisputeInsteadOfLeavingItWaiting() {
            String refusedAtOnce = settled(9 * USDC);
            escrow.refuseNext = true;
            assertThat(refusal(() -> desk.open(OWNER, refusedAtOnce, "late", null))).isEqualTo(ErrorType.DISPUTE_WINDOW_CLOSED);
            assertThat(disputes.find(Dispute.idOf(refusedAtOnce)).orElseThrow().status()).isEqualTo(DisputeStatus.REFUSED);

            String revertedLater = settled(9 * USDC);
            Dispute opening = desk.open(OWNER, revertedLater, "late", null);
            escrow.reverted.add(opening.pendingTx());
            assertThat(desk.reconcile()).isEqualTo(1);
            Dispute refused = disputes.find(opening.disputeId()).orElseThrow();
            assertThat(refused.status()).isEqualTo(DisputeStatus.REFUSED);
            assertThat(refused.note()).contains("window");
            assertThat(desk.reconcile()).as("decided once").isZero();
        }

        @Test
        void aDisputeOpenedOnChainOrAGuardiansFreezeIsPickedUpWithoutTheApi() {
            String byOwner = settled(9 * USDC);
            desk.apply(openedOnChain(byOwner, OWNER, 9 * USDC));
            Dispute d = disputes.find(Dispute.idOf(byOwner)).orElseThrow();
            assertThat(d.status()).isEqualTo(DisputeStatus.OPEN);
            assertThat(d.openedBy()).isEqualTo(Dispute.Opener.OWNER_ON_CHAIN);
            assertThat(d.provider()).isEqualTo(PROVIDER);
            desk.apply(openedOnChain(byOwner, OWNER, 9 * USDC));
            assertThat(disputes.find(Dispute.idOf(byOwner)).orElseThrow().version()).as("the same event twice changes nothing").isEqualTo(d.version());

            String frozen = settled(5 * USDC);
            desk.apply(new EscrowEvent.PayoutFrozen(key(), 11, "0xblock", frozen, OWNER, "0x00000000000000000000000000000000000000e6", 5 * USDC));
            assertThat(disputes.find(Dispute.idOf(frozen)).orElseThrow().openedBy()).isEqualTo(Dispute.Opener.GUARDIAN);
            assertThat(orders.find(frozen).orElseThrow().state()).isEqualTo(OrderState.DISPUTED);
        }
    }

    @Nested
    class Resolving {
        private String openDispute(long held) {
            String orderId = settled(held);
            desk.open(OWNER, orderId, "half of it never ran", null);
            desk.apply(openedOnChain(orderId, STRANGER, held));
            return Dispute.idOf(orderId);
        }

        @Test
        void theProviderAnswersAndAnOperatorsSplitIsSentWithTheArbitersKeyAndRecordedWhenTheChainMadeIt() {
            String disputeId = openDispute(9 * USDC);
            assertThat(refusal(() -> desk.respond(STRANGER, disputeId, "not mine"))).isEqualTo(ErrorType.NOT_FOUND);
            Dispute answered = desk.respond(PROVIDER, disputeId, "it ran; logs attached");
            assertThat(answered.responses()).extracting(Dispute.Response::text).containsExactly("it ran; logs attached");

            Dispute resolving = desk.resolve(disputeId, 7_000);
            assertThat(resolving.status()).isEqualTo(DisputeStatus.RESOLVING);
            assertThat(resolving.resolution()).isEqualTo(new Dispute.Resolution(6_300_000, 2_700_000, null));
            assertThat(desk.resolve(disputeId, 7_000)).as("the same decision again").isEqualTo(resolving);
            assertThat(refusal(() -> desk.resolve(disputeId, 5_000))).isEqualTo(ErrorType.STATE_CONFLICT);
            assertThat(escrow.calls.stream().filter(c -> c.role() == Role.ARBITER)).singleElement()
                    .satisfies(c -> assertThat(c.toProvider()).isEqualTo(6_300_000));

            String orderId = resolving.orderId();
            EventKey tx = key();
            desk.apply(new EscrowEvent.DisputeResolved(tx, 12, "0xblock", orderId, OWNER, 6_300_000, 2_700_000, STRANGER));
            Dispute resolved = disputes.find(disputeId).orElseThrow();
            assertThat(resolved.status()).isEqualTo(DisputeStatus.RESOLVED);
            assertThat(resolved.resolution()).isEqualTo(new Dispute.Resolution(6_300_000, 2_700_000, tx.txHash()));
            assertThat(orders.find(orderId).orElseThrow().state()).isEqualTo(OrderState.RESOLVED);
            assertThat(refusal(() -> desk.respond(PROVIDER, disputeId, "late"))).isEqualTo(ErrorType.STATE_CONFLICT);
        }

        @Test
        void aDisputeOverTheEscalationThresholdIsEscalatedWithTheGovernanceActionAndNoKeyOfOursSplitsIt() {
            String disputeId = openDispute(10_000 * USDC + 1);
            Dispute escalated = desk.resolve(disputeId, 10_000);
            assertThat(escalated.status()).isEqualTo(DisputeStatus.ESCALATED);
            assertThat(escalated.governanceAction().data()).contains(Long.toString(10_000 * USDC + 1));
            assertThat(escrow.calls.stream().filter(c -> c.role() == Role.ARBITER)).isEmpty();
        }

        @Test
        void aResolutionTheChainRevertedGoesBackToTheOperators() {
            String disputeId = openDispute(9 * USDC);
            Dispute resolving = desk.resolve(disputeId, 10_000);
            escrow.reverted.add(resolving.pendingTx());
            assertThat(desk.reconcile()).isEqualTo(1);
            assertThat(disputes.find(disputeId).orElseThrow().status()).isEqualTo(DisputeStatus.OPEN);
            assertThat(desk.resolve(disputeId, 0).status()).as("decided again, under a new transaction id").isEqualTo(DisputeStatus.RESOLVING);
            assertThat(escrow.calls.stream().filter(c -> c.role() == Role.ARBITER)).hasSize(2);
        }

        @Test
        void aShareOutsideZeroToAllIsRefused() {
            String disputeId = openDispute(9 * USDC);
            assertThat(refusal(() -> desk.resolve(disputeId, 10_001))).isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(refusal(() -> desk.resolve("dsp_nothing", 10))).isEqualTo(ErrorType.NOT_FOUND);
        }
    }

    @Nested
    class Watchdog {
        private final List<String> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** A paid order running on {@code resourceId}, not yet settled. */
        private String running(String resourceId) {
            String orderId = OrderRepositoryContract.randomOrderId();
            Instant now = clock.instant();
            orders.create(new Order(orderId, OWNER, OrderState.RUNNING, OrderRepositoryContract.TERMS, OrderRepositoryContract.WORKLOAD,
                    10 * USDC, 10 * USDC, now, now, now, resourceId, null, null, 0));
            return orderId;
        }
        private final EscrowEventRouter router = new EscrowEventRouter(new InMemoryDepositLedger(), settlements,
                List.of(new OrderFunding(orders, new RecordingWorkQueue(), metrics, order -> stopped.add(order.resourceId()), clock)),
                (orderId, reason) -> { }, desk);

        @Test
        void anOrderARogueSettlementTookWhileItRanIsStoppedAndFollowsTheGuardiansDisputeToItsResolution() {
            String orderId = running("res-9");
            EscrowEvent.Settled rogue = new EscrowEvent.Settled(key(), 13, "0xblock", orderId, OWNER, STRANGER, 9 * USDC, 0, USDC, 0);
            router.apply(rogue);
            router.apply(rogue);

            Order taken = orders.find(orderId).orElseThrow();
            assertThat(taken.state()).isEqualTo(OrderState.DISPUTED);
            assertThat(taken.usage().endReason()).isEqualTo(io.cyberplaza.core.order.EndReason.ROGUE_SETTLEMENT);
            assertThat(stopped).as("nothing more runs on money the escrow no longer holds (stopped again on redelivery, which is harmless)")
                    .containsOnly("res-9").isNotEmpty();
            assertThat(escrow.calls).extracting(RecordingEscrowDisputes.Call::method).containsOnly("freeze");

            desk.apply(new EscrowEvent.PayoutFrozen(key(), 14, "0xblock", orderId, OWNER, "0x00000000000000000000000000000000000000f5",
                    9 * USDC));
            Dispute frozen = desk.find(Dispute.idOf(orderId)).orElseThrow();
            assertThat(frozen.status()).isEqualTo(DisputeStatus.OPEN);
            desk.resolve(frozen.disputeId(), 0);
            desk.apply(new EscrowEvent.DisputeResolved(key(), 15, "0xblock", orderId, OWNER, 0, 9 * USDC,
                    "0x00000000000000000000000000000000000000f6"));
            assertThat(orders.find(orderId).orElseThrow().state()).isEqualTo(OrderState.RESOLVED);
            assertThat(desk.find(frozen.disputeId()).orElseThrow().resolution().toOwner()).isEqualTo(9 * USDC);
        }

        @Test
        void aRogueSettlementThatPaidNoProviderRefundedEverythingAndClosesTheOrderAtOnce() {
            String orderId = running("res-7");
            router.apply(new EscrowEvent.Settled(key(), 13, "0xblock", orderId, OWNER, STRANGER, 0, 0, 10 * USDC, 0));
            assertThat(orders.find(orderId).orElseThrow().state()).as("no dispute will ever come for it").isEqualTo(OrderState.RESOLVED);
            assertThat(stopped).containsOnly("res-7");
            assertThat(escrow.calls).as("nothing to freeze").isEmpty();
        }

        @Test
        void aSettlementThePlatformNeverMadeIsFrozenWithTheGuardiansKeyAndRaisesAnAlert() {
            String orderId = settled(9 * USDC);
            router.apply(new EscrowEvent.Settled(key(), 13, "0xblock", orderId, OWNER, STRANGER, 9 * USDC, USDC / 2, USDC / 2, 0));
            assertThat(escrow.calls).singleElement().satisfies(c -> {
                assertThat(c.role()).isEqualTo(Role.GUARDIAN);
                assertThat(c.method()).isEqualTo("freeze");
                assertThat(c.orderId()).isEqualTo(orderId);
            });
            assertThat(metrics.alerts).containsExactly(DisputeDesk.UNRECORDED_SETTLEMENT);
            assertThat(settlements.find(orderId).orElseThrow().provider()).as("our split is kept, not overwritten by the thief's").isEqualTo(PROVIDER);

            String unknown = OrderRepositoryContract.randomOrderId();
            router.apply(new EscrowEvent.Settled(key(), 14, "0xblock", unknown, STRANGER, STRANGER, 3 * USDC, 0, 0, 0));
            assertThat(escrow.calls).as("an order the platform never saw is frozen too").hasSize(2);
        }

        @Test
        void theSettlementThePlatformMadeIsConfirmedEvenWithALargerRefundAndFreezesNothing() {
            String orderId = settled(9 * USDC);
            Settlement ours = settlements.find(orderId).orElseThrow();
            settlements.replace(ours, ours.next(SettlementStatus.SUBMITTED, "settle:1"));
            router.apply(new EscrowEvent.Settled(key(), 15, "0xblock", orderId, OWNER, PROVIDER, 9 * USDC, USDC / 2, USDC / 2 + 7, 0));
            assertThat(escrow.calls).isEmpty();
            assertThat(metrics.alerts).isEmpty();
            assertThat(settlements.find(orderId).orElseThrow().status()).isEqualTo(SettlementStatus.CONFIRMED);
        }
    }
}
