package io.cyberplaza.chain.contracts;

import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.PermitSigner;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.cyberplaza.chain.testing.EscrowFixture.newOrderId;
import static io.cyberplaza.chain.testing.EscrowFixture.selector;
import static org.assertj.core.api.Assertions.assertThat;

/** Every path and every refusal of ComputeEscrow v2, on a real Hardhat node. */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComputeEscrowTest {
    private static final long USDC = 1_000_000L;
    private static final BigInteger FUNDED = BigInteger.valueOf(1);
    private static final BigInteger HELD = BigInteger.valueOf(2);
    private static final BigInteger DISPUTED = BigInteger.valueOf(3);
    private static final BigInteger FROZEN = BigInteger.valueOf(4);
    private static final BigInteger RESOLVED = BigInteger.valueOf(5);
    private static final BigInteger CLOSED = BigInteger.valueOf(6);
    private static final BigInteger RECLAIMED = BigInteger.valueOf(7);

    private EscrowFixture f;
    private Credentials provider;
    private Credentials stranger;
    private final Set<byte[]> keys = new HashSet<>();
    private final Set<String> owners = new HashSet<>();

    @BeforeAll
    void deploy(LocalChain chain) throws Exception {
        f = new EscrowFixture(chain);
        provider = chain.newAccount();
        stranger = chain.newAccount();
    }

    private ComputeEscrow escrow(Credentials who) {
        return f.escrowAs(who);
    }

    private String track(String orderId, Credentials owner) {
        keys.add(OrderIds.escrowKey(owner.getAddress(), orderId));
        owners.add(owner.getAddress());
        return orderId;
    }

    private static byte[] ref(String orderId) {
        return OrderIds.toBytes32(orderId);
    }

    /** What the escrow owes anyone: open balances, payouts not withdrawn, refunds, fees, the insurance reserve. */
    private BigInteger owed() throws Exception {
        ComputeEscrow view = escrow(f.admin);
        BigInteger total = view.accruedFees().send().add(view.insuranceReserve().send());
        for (byte[] key : keys) total = total.add(view.orderAt(key).send().amount);
        for (String owner : owners) total = total.add(view.refundOf(owner).send());
        return total;
    }

    private void assertConserved() throws Exception {
        assertThat(f.escrowUsdcBalance()).as("escrow USDC balance equals what it owes").isEqualTo(owed());
    }

    private long releaseIn(Duration d) {
        return f.chain.latestTimestamp() + d.toSeconds();
    }

    private String revert(Credentials from, String data) throws Exception {
        return f.revertSelector(from, f.deployment.escrow(), data);
    }

    /** A funded order of {@code owner} settled to {@code payee}: 9.506 payout, 0.194 fee, 2.3 refunded. */
    private String settledOrder(Credentials owner, Credentials payee) throws Exception {
        String orderId = track(newOrderId(), owner);
        f.deposit(owner, orderId, 12 * USDC);
        escrow(f.settler).settle(List.of(f.settlement(orderId, owner, payee, 9_506_000L, 194_000L, releaseIn(Duration.ofHours(72)))))
                .send();
        return orderId;
    }

    @Nested
    class Deposits {
        @Test
        void aDepositOpensTheOwnersOrderAndATopUpNeverMovesItsReclaimDeadline() throws Exception {
            Credentials payer = f.fundedPayer(50 * USDC);
            String orderId = track(newOrderId(), payer);

            TransactionReceipt first = f.deposit(payer, orderId, 12 * USDC);
            var event = ComputeEscrow.getDepositedEvents(first).getFirst();
            assertThat(event.key).isEqualTo(OrderIds.escrowKey(payer.getAddress(), orderId));
            assertThat(event.owner).isEqualToIgnoringCase(payer.getAddress());
            assertThat(OrderIds.fromBytes32(event.ref)).isEqualTo(orderId);
            assertThat(event.payer).isEqualToIgnoringCase(payer.getAddress());
            assertThat(event.balance).isEqualTo(BigInteger.valueOf(12 * USDC));
            long deadline = f.chain.latestTimestamp() + EscrowFixture.RECLAIM_DELAY.toSeconds();

            f.chain.advanceTime(Duration.ofHours(1));
            TransactionReceipt topUp = f.deposit(payer, orderId, 3 * USDC);
            assertThat(ComputeEscrow.getDepositedEvents(topUp).getFirst().balance).isEqualTo(BigInteger.valueOf(15 * USDC));

            ComputeEscrow.Order order = f.order(payer, orderId);
            assertThat(order.amount).isEqualTo(BigInteger.valueOf(15 * USDC));
            assertThat(order.status).isEqualTo(FUNDED);
            assertThat(order.deadline.longValueExact()).as("set by the first deposit only").isEqualTo(deadline);
            assertThat(escrow(f.admin).keyOf(payer.getAddress(), ref(orderId)).send())
                    .isEqualTo(OrderIds.escrowKey(payer.getAddress(), orderId));
            assertConserved();
        }

        @Test
        void aStrangersDepositAddsToTheOwnersOrderAndASquatOpensOnlyTheSquattersOwn() throws Exception {
            Credentials owner = f.fundedPayer(10 * USDC);
            Credentials sponsor = f.fundedPayer(5 * USDC);
            Credentials squatter = f.fundedPayer(1);
            String orderId = track(newOrderId(), owner);
            track(orderId, squatter);

            // The squatter front-runs the owner's deposit with 1 micro-USDC under the same id: its own order.
            f.deposit(squatter, orderId, 1);
            f.deposit(owner, orderId, 10 * USDC);
            TransactionReceipt sponsored = f.depositFor(sponsor, owner.getAddress(), orderId, 5 * USDC);
            var event = ComputeEscrow.getDepositedEvents(sponsored).getFirst();
            assertThat(event.owner).isEqualToIgnoringCase(owner.getAddress());
            assertThat(event.payer).isEqualToIgnoringCase(sponsor.getAddress());

            assertThat(f.order(owner, orderId).amount).isEqualTo(BigInteger.valueOf(15 * USDC));
            assertThat(f.order(squatter, orderId).amount).isEqualTo(BigInteger.ONE);
            escrow(f.settler).settle(List.of(f.settlement(orderId, owner, provider, 9 * USDC, 300_000L, 0))).send();
            assertThat(escrow(f.admin).refundOf(owner.getAddress()).send()).as("the refund is the owner's, not the sponsor's")
                    .isEqualTo(BigInteger.valueOf(5_700_000L));
            assertThat(escrow(f.admin).refundOf(sponsor.getAddress()).send()).isZero();
            assertConserved();
        }

        @Test
        void aPermitDepositNeedsNoSeparateApprovalAndSurvivesAFrontRunPermit() throws Exception {
            Credentials payer = f.fundedPayer(29 * USDC);
            String orderId = track(newOrderId(), payer);
            TransactionReceipt receipt = f.depositWithPermit(payer, orderId, 20 * USDC);
            assertThat(ComputeEscrow.getDepositedEvents(receipt).getFirst().balance).isEqualTo(BigInteger.valueOf(20 * USDC));
            assertThat(f.usdcAs(payer).nonces(payer.getAddress()).send()).isEqualTo(BigInteger.ONE);

            BigInteger amount = BigInteger.valueOf(9 * USDC);
            BigInteger deadline = f.permitDeadline();
            PermitSigner.Signature sig = f.signPermit(payer, amount, deadline);
            f.usdcAs(stranger).permit(payer.getAddress(), f.deployment.escrow(), amount, deadline,
                    BigInteger.valueOf(sig.v()), sig.r(), sig.s()).send();
            escrow(payer).depositWithPermit(payer.getAddress(), ref(orderId), amount, deadline, BigInteger.valueOf(sig.v()), sig.r(),
                    sig.s()).send();
            assertThat(f.order(payer, orderId).amount).isEqualTo(BigInteger.valueOf(29 * USDC));
            assertConserved();
        }

        @Test
        void aForgedPermitMovesNoMoney() throws Exception {
            Credentials payer = f.fundedPayer(9 * USDC);
            String orderId = track(newOrderId(), payer);
            BigInteger amount = BigInteger.valueOf(9 * USDC);
            BigInteger deadline = f.permitDeadline();
            byte[] digestForPayer = PermitSigner.digest(f.usdcAs(payer).DOMAIN_SEPARATOR().send(), payer.getAddress(),
                    f.deployment.escrow(), amount, BigInteger.ZERO, deadline);
            PermitSigner.Signature wrongKey = PermitSigner.sign(digestForPayer, stranger.getEcKeyPair());
            String data = escrow(payer).depositWithPermit(payer.getAddress(), ref(orderId), amount, deadline,
                    BigInteger.valueOf(wrongKey.v()), wrongKey.r(), wrongKey.s()).encodeFunctionCall();
            assertThat(revert(payer, data)).as("no allowance without a valid permit").isNotNull();
            assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(amount);
            assertConserved();
        }

        @Test
        void depositsThatMustFailRevertWithTheirOwnErrors() throws Exception {
            Credentials payer = f.fundedPayer(10 * USDC);
            String orderId = track(newOrderId(), payer);
            String owner = payer.getAddress();
            f.usdcAs(payer).approve(f.deployment.escrow(), BigInteger.valueOf(10 * USDC)).send();

            assertThat(revert(payer, escrow(payer).deposit(owner, ref(orderId), BigInteger.ZERO).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ZEROAMOUNT_ERROR));
            assertThat(revert(payer, escrow(payer).deposit("0x0000000000000000000000000000000000000000", ref(orderId), BigInteger.ONE)
                    .encodeFunctionCall())).isEqualTo(selector(ComputeEscrow.ZEROADDRESS_ERROR));
            assertThat(revert(payer, escrow(payer).deposit(owner, ref(orderId), BigInteger.TWO.pow(56)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.AMOUNTTOOLARGE_ERROR));

            f.deposit(payer, orderId, 4 * USDC);
            escrow(f.settler).settle(List.of(f.settlement(orderId, payer, provider, 3 * USDC, 100_000, 0))).send();
            f.usdcAs(payer).approve(f.deployment.escrow(), BigInteger.valueOf(USDC)).send();
            assertThat(revert(payer, escrow(payer).deposit(owner, ref(orderId), BigInteger.valueOf(USDC)).encodeFunctionCall()))
                    .as("a settled order takes no more money").isEqualTo(selector(ComputeEscrow.ORDERCLOSED_ERROR));
            assertConserved();
        }
    }

    @Nested
    class Settlement {
        @Test
        void aBatchSplitsEachOrderHoldsThePayoutAndSetsAsideTheInsuranceShare() throws Exception {
            List<ComputeEscrow.Settlement> batch = new ArrayList<>();
            Credentials payer = f.fundedPayer(100 * USDC);
            long releaseAt = releaseIn(Duration.ofHours(72));
            ComputeEscrow view = escrow(f.admin);
            BigInteger feesBefore = view.accruedFees().send();
            BigInteger reserveBefore = view.insuranceReserve().send();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String orderId = track(newOrderId(), payer);
                ids.add(orderId);
                f.deposit(payer, orderId, 12 * USDC);
                batch.add(f.settlement(orderId, payer, provider, 9_506_000L, 194_000L, releaseAt));
            }
            TransactionReceipt receipt = escrow(f.settler).settle(batch).send();

            assertThat(ComputeEscrow.getSettledEvents(receipt)).hasSize(3).allSatisfy(e -> {
                assertThat(e.provider).isEqualToIgnoringCase(provider.getAddress());
                assertThat(e.refund).isEqualTo(BigInteger.valueOf(2_300_000L));
                assertThat(e.releaseAt).isEqualTo(BigInteger.valueOf(releaseAt));
            });
            for (String orderId : ids) {
                ComputeEscrow.Order order = f.order(payer, orderId);
                assertThat(order.status).isEqualTo(HELD);
                assertThat(order.amount).isEqualTo(BigInteger.valueOf(9_506_000L));
                assertThat(order.deadline.longValueExact()).isEqualTo(releaseAt);
            }
            // 10 % of the fees go to the insurance reserve.
            assertThat(view.insuranceReserve().send().subtract(reserveBefore)).isEqualTo(BigInteger.valueOf(3 * 19_400L));
            assertThat(view.accruedFees().send().subtract(feesBefore)).isEqualTo(BigInteger.valueOf(3 * 174_600L));
            assertThat(ComputeEscrow.getInsuranceAccruedEvents(receipt)).hasSize(1);
            assertConserved();
        }

        @Test
        void moneyThatArrivedAfterTheSplitIsRefundedInsteadOfJammingTheSettlement() throws Exception {
            Credentials payer = f.fundedPayer(13 * USDC);
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 12 * USDC);
            var split = f.settlement(orderId, payer, provider, 9_506_000L, 194_000L, 0);
            f.deposit(payer, orderId, 1); // one micro-USDC more after the split was computed
            BigInteger refundBefore = escrow(f.admin).refundOf(payer.getAddress()).send();

            var settled = ComputeEscrow.getSettledEvents(escrow(f.settler).settle(List.of(split)).send()).getFirst();
            assertThat(settled.refund).isEqualTo(BigInteger.valueOf(2_300_001L));
            assertThat(escrow(f.admin).refundOf(payer.getAddress()).send().subtract(refundBefore)).isEqualTo(BigInteger.valueOf(2_300_001L));
            assertConserved();
        }

        @Test
        void ordersThatCannotBeSettledAreSkippedAndNeverRevertTheOthers() throws Exception {
            Credentials payer = f.fundedPayer(40 * USDC);
            String good = track(newOrderId(), payer);
            String small = track(newOrderId(), payer);
            String greedy = track(newOrderId(), payer);
            String nameless = track(newOrderId(), payer);
            for (String id : List.of(good, small, greedy, nameless)) f.deposit(payer, id, 10 * USDC);
            String unknown = newOrderId();

            TransactionReceipt receipt = escrow(f.settler).settle(List.of(
                    f.settlement(small, payer, provider, 10 * USDC, 1, 0),          // more than it holds
                    f.settlement(unknown, payer, provider, 0, 0, 0),               // never funded
                    f.settlement(greedy, payer, provider, 4 * USDC, 6 * USDC, 0),  // fee over the cap
                    f.settlement(nameless, payer, null, 5 * USDC, 0, 0),           // a payout to nobody
                    f.settlement(good, payer, provider, 9 * USDC, USDC / 2, 0),
                    f.settlement(good, payer, provider, 9 * USDC, USDC / 2, 0)     // twice in one batch
            )).send();

            assertThat(receipt.isStatusOK()).isTrue();
            assertThat(ComputeEscrow.getSettlementSkippedEvents(receipt)).extracting(e -> e.reason.intValueExact())
                    .containsExactly(1, 0, 2, 3, 0);
            assertThat(ComputeEscrow.getSettledEvents(receipt)).extracting(e -> OrderIds.fromBytes32(e.ref)).containsExactly(good);
            for (String id : List.of(small, greedy, nameless)) {
                assertThat(f.order(payer, id).status).as("left as it was").isEqualTo(FUNDED);
            }
            assertConserved();
        }

        @Test
        void theSettlerCannotHoldAPayoutForLessThanTheMinimumWindow() throws Exception {
            Credentials payer = f.fundedPayer(12 * USDC);
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 12 * USDC);
            var settled = ComputeEscrow.getSettledEvents(escrow(f.settler).settle(List.of(
                    f.settlement(orderId, payer, provider, 9 * USDC, 100_000L, 0))).send()).getFirst();
            long expected = f.chain.latestTimestamp() + EscrowFixture.MIN_DISPUTE_WINDOW.toSeconds();
            assertThat(settled.releaseAt.longValueExact()).isEqualTo(expected);
            String withdraw = escrow(provider).withdrawPayouts(List.of(OrderIds.escrowKey(payer.getAddress(), orderId))).encodeFunctionCall();
            assertThat(revert(provider, withdraw)).isEqualTo(selector(ComputeEscrow.PAYOUTLOCKED_ERROR));
            assertConserved();
        }

        @Test
        void onlyTheSettlerSettlesAndAnEmptyBatchIsRefused() throws Exception {
            Credentials payer = f.fundedPayer(USDC);
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, USDC);
            String settle = escrow(stranger).settle(List.of(f.settlement(orderId, payer, stranger, USDC, 0, 0))).encodeFunctionCall();
            assertThat(revert(stranger, settle)).isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
            assertThat(revert(f.settler, escrow(f.settler).settle(List.of()).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.EMPTYBATCH_ERROR));
            assertConserved();
        }
    }

    @Nested
    class Disputes {
        @Test
        void theOwnerDisputesAHeldPayoutAndAnArbiterSplitsIt() throws Exception {
            Credentials owner = f.fundedPayer(12 * USDC);
            Credentials payee = f.chain.newAccount();
            String orderId = settledOrder(owner, payee);
            byte[] key = OrderIds.escrowKey(owner.getAddress(), orderId);

            assertThat(revert(stranger, escrow(stranger).openDispute(ref(orderId)).encodeFunctionCall()))
                    .as("a stranger's dispute is about its own (empty) order").isEqualTo(selector(ComputeEscrow.NOTHELD_ERROR));
            TransactionReceipt opened = escrow(owner).openDispute(ref(orderId)).send();
            assertThat(ComputeEscrow.getDisputeOpenedEvents(opened).getFirst().held).isEqualTo(BigInteger.valueOf(9_506_000L));
            assertThat(f.order(owner, orderId).status).isEqualTo(DISPUTED);

            f.chain.advanceTime(Duration.ofHours(73));
            assertThat(revert(payee, escrow(payee).withdrawPayouts(List.of(key)).encodeFunctionCall()))
                    .as("frozen past its release").isEqualTo(selector(ComputeEscrow.NOTHELD_ERROR));
            String resolve = escrow(stranger).resolve(owner.getAddress(), ref(orderId), BigInteger.ONE).encodeFunctionCall();
            assertThat(revert(stranger, resolve)).isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
            assertThat(revert(f.arbiter, escrow(f.arbiter).resolve(owner.getAddress(), ref(orderId), BigInteger.valueOf(9_506_001L))
                    .encodeFunctionCall())).isEqualTo(selector(ComputeEscrow.RESOLUTIONTOOLARGE_ERROR));

            long toProvider = 9_506_000L * 70 / 100;
            var resolved = ComputeEscrow.getDisputeResolvedEvents(escrow(f.arbiter).resolve(owner.getAddress(), ref(orderId),
                    BigInteger.valueOf(toProvider)).send()).getFirst();
            assertThat(resolved.toProvider.add(resolved.toOwner)).isEqualTo(BigInteger.valueOf(9_506_000L));
            escrow(payee).withdrawPayouts(List.of(key)).send();
            assertThat(f.usdcBalance(payee.getAddress())).isEqualTo(BigInteger.valueOf(toProvider));
            BigInteger refund = escrow(f.admin).refundOf(owner.getAddress()).send();
            escrow(owner).withdrawRefund().send();
            assertThat(f.usdcBalance(owner.getAddress())).isEqualTo(refund);
            assertThat(refund).isEqualTo(BigInteger.valueOf(2_300_000L + 9_506_000L - toProvider));
            assertConserved();
        }

        @Test
        void aDisputeAfterTheWindowIsRefusedAndThePlatformMayOpenOneForTheOwner() throws Exception {
            Credentials owner = f.fundedPayer(24 * USDC);
            String late = settledOrder(owner, provider);
            String forOwner = settledOrder(owner, provider);
            f.chain.advanceTime(Duration.ofHours(72));
            assertThat(revert(owner, escrow(owner).openDispute(ref(late)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.DISPUTEWINDOWOVER_ERROR));
            assertThat(revert(stranger, escrow(stranger).openDisputeFor(owner.getAddress(), ref(forOwner)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
            // The window is over for both now; the guardian can still freeze what was not withdrawn.
            escrow(f.guardian).freeze(owner.getAddress(), ref(forOwner)).send();
            assertThat(f.order(owner, forOwner).status).isEqualTo(FROZEN);
            assertConserved();
        }

        @Test
        void aDisputeOverTheThresholdIsResolvedOnlyByGovernanceThroughTheTimelock() throws Exception {
            Credentials owner = f.fundedPayer(20_000 * USDC);
            String orderId = track(newOrderId(), owner);
            f.deposit(owner, orderId, 20_000 * USDC);
            escrow(f.settler).settle(List.of(f.settlement(orderId, owner, provider, 15_000 * USDC, 300 * USDC, 0))).send();
            escrow(owner).openDispute(ref(orderId)).send();

            String resolve = escrow(f.arbiter).resolve(owner.getAddress(), ref(orderId), BigInteger.valueOf(10_000 * USDC))
                    .encodeFunctionCall();
            assertThat(revert(f.arbiter, resolve)).isEqualTo(selector(ComputeEscrow.ESCALATEDTOGOVERNANCE_ERROR));
            assertThat(revert(f.admin, resolve)).as("the governor's own key is not governance: the timelock is")
                    .isEqualTo(selector(ComputeEscrow.ESCALATEDTOGOVERNANCE_ERROR));
            TransactionReceipt executed = f.governEscrow(resolve, "resolve " + orderId);
            assertThat(executed.isStatusOK()).isTrue();
            assertThat(f.order(owner, orderId).status).isEqualTo(RESOLVED);
            assertThat(f.order(owner, orderId).amount).isEqualTo(BigInteger.valueOf(10_000 * USDC));
            assertConserved();
        }

        @Test
        void aStolenSettlerKeyPaysNobodyTheGuardianFreezesAndTheOwnerGetsItBack() throws Exception {
            Credentials owner = f.fundedPayer(50 * USDC);
            Credentials thief = f.chain.newAccount();
            String orderId = track(newOrderId(), owner);
            f.deposit(owner, orderId, 50 * USDC);
            // The thief settles to itself at once, with the largest fee the cap allows.
            escrow(f.settler).settle(List.of(f.settlement(orderId, owner, thief, 45 * USDC, 5 * USDC, 0))).send();
            byte[] key = OrderIds.escrowKey(owner.getAddress(), orderId);
            assertThat(revert(thief, escrow(thief).withdrawPayouts(List.of(key)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.PAYOUTLOCKED_ERROR));

            var frozen = ComputeEscrow.getPayoutFrozenEvents(escrow(f.guardian).freeze(owner.getAddress(), ref(orderId)).send()).getFirst();
            assertThat(frozen.held).isEqualTo(BigInteger.valueOf(45 * USDC));
            f.chain.advanceTime(Duration.ofDays(4));
            assertThat(revert(thief, escrow(thief).withdrawPayouts(List.of(key)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.NOTHELD_ERROR));
            escrow(f.arbiter).resolve(owner.getAddress(), ref(orderId), BigInteger.ZERO).send();
            assertThat(f.order(owner, orderId).status).isEqualTo(CLOSED);
            assertThat(escrow(f.admin).refundOf(owner.getAddress()).send()).isEqualTo(BigInteger.valueOf(45 * USDC));
            assertThat(revert(stranger, escrow(stranger).freeze(owner.getAddress(), ref(orderId)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
            assertConserved();
        }
    }

    @Nested
    class WithdrawalsReclaimAndPause {
        @Test
        void refundsAtOncePayoutsFromReleaseFeesToTheTreasury() throws Exception {
            Credentials owner = f.fundedPayer(12 * USDC);
            Credentials payee = f.chain.newAccount();
            String orderId = settledOrder(owner, payee);
            byte[] key = OrderIds.escrowKey(owner.getAddress(), orderId);

            escrow(owner).withdrawRefund().send();
            assertThat(f.usdcBalance(owner.getAddress())).isEqualTo(BigInteger.valueOf(2_300_000L));
            assertThat(revert(owner, escrow(owner).withdrawRefund().encodeFunctionCall())).isEqualTo(selector(ComputeEscrow.NOTHINGTOWITHDRAW_ERROR));
            String withdraw = escrow(payee).withdrawPayouts(List.of(key)).encodeFunctionCall();
            assertThat(revert(payee, withdraw)).isEqualTo(selector(ComputeEscrow.PAYOUTLOCKED_ERROR));
            assertThat(revert(stranger, withdraw)).isEqualTo(selector(ComputeEscrow.NOTPAYEE_ERROR));

            f.chain.advanceTime(Duration.ofHours(72));
            escrow(payee).withdrawPayouts(List.of(key)).send();
            assertThat(f.usdcBalance(payee.getAddress())).isEqualTo(BigInteger.valueOf(9_506_000L));
            assertThat(revert(payee, withdraw)).as("a second withdrawal finds nothing").isEqualTo(selector(ComputeEscrow.NOTHINGTOWITHDRAW_ERROR));

            BigInteger fees = escrow(f.admin).accruedFees().send();
            BigInteger treasuryBefore = f.usdcBalance(f.treasury.getAddress());
            escrow(stranger).withdrawFees().send();
            assertThat(f.usdcBalance(f.treasury.getAddress()).subtract(treasuryBefore)).isEqualTo(fees);
            assertConserved();
        }

        @Test
        void theOwnerReclaimsAnUnsettledOrderAfterItsDeadlineEvenWhilePausedAndOnlyTheOwner() throws Exception {
            Credentials owner = f.fundedPayer(6 * USDC);
            Credentials sponsor = f.fundedPayer(USDC);
            String orderId = track(newOrderId(), owner);
            f.deposit(owner, orderId, 5 * USDC);
            String reclaim = escrow(owner).reclaim(ref(orderId)).encodeFunctionCall();
            assertThat(revert(owner, reclaim)).isEqualTo(selector(ComputeEscrow.RECLAIMTOOEARLY_ERROR));
            f.chain.advanceTime(EscrowFixture.RECLAIM_DELAY.minusDays(1));
            f.depositFor(sponsor, owner.getAddress(), orderId, USDC); // dust from anyone cannot postpone the reclaim
            f.chain.advanceTime(Duration.ofDays(1));
            assertThat(revert(stranger, escrow(stranger).reclaim(ref(orderId)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ORDERNOTFUNDED_ERROR));

            escrow(f.guardian).pause().send();
            try {
                var reclaimed = ComputeEscrow.getReclaimedEvents(escrow(owner).reclaim(ref(orderId)).send()).getFirst();
                assertThat(reclaimed.amount).isEqualTo(BigInteger.valueOf(6 * USDC));
                assertThat(f.usdcBalance(owner.getAddress())).as("the sponsor's dust included").isEqualTo(BigInteger.valueOf(7 * USDC));
                assertThat(f.order(owner, orderId).status).isEqualTo(RECLAIMED);
            } finally {
                f.governEscrow(escrow(f.admin).unpause().encodeFunctionCall(), "unpause after reclaim test");
            }
            TransactionReceipt skipped = escrow(f.settler).settle(List.of(f.settlement(orderId, owner, provider, USDC, 0, 0))).send();
            assertThat(ComputeEscrow.getSettlementSkippedEvents(skipped)).as("a reclaimed order cannot be settled").hasSize(1);
            assertConserved();
        }

        @Test
        void aPauseStopsDepositsSettlementsAndPayoutsNeverRefundsAndOnlyGovernanceLiftsIt() throws Exception {
            Credentials owner = f.fundedPayer(20 * USDC);
            String settled = settledOrder(owner, provider);
            String open = track(newOrderId(), owner);
            f.deposit(owner, open, 4 * USDC);
            f.chain.advanceTime(Duration.ofHours(72));

            assertThat(revert(stranger, escrow(stranger).pause().encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
            escrow(f.guardian).pause().send();
            try {
                f.usdcAs(owner).approve(f.deployment.escrow(), BigInteger.valueOf(USDC)).send();
                String paused = selector(ComputeEscrow.ENFORCEDPAUSE_ERROR);
                assertThat(revert(owner, escrow(owner).deposit(owner.getAddress(), ref(open), BigInteger.ONE).encodeFunctionCall())).isEqualTo(paused);
                assertThat(revert(f.settler, escrow(f.settler).settle(List.of(f.settlement(open, owner, provider, USDC, 0, 0)))
                        .encodeFunctionCall())).isEqualTo(paused);
                assertThat(revert(provider, escrow(provider).withdrawPayouts(List.of(OrderIds.escrowKey(owner.getAddress(), settled)))
                        .encodeFunctionCall())).isEqualTo(paused);
                assertThat(revert(stranger, escrow(stranger).withdrawFees().encodeFunctionCall())).isEqualTo(paused);
                assertThat(revert(f.guardian, escrow(f.guardian).unpause().encodeFunctionCall()))
                        .isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
                escrow(owner).withdrawRefund().send(); // refunds always flow
            } finally {
                f.governEscrow(escrow(f.admin).unpause().encodeFunctionCall(), "unpause after pause test");
            }
            escrow(provider).withdrawPayouts(List.of(OrderIds.escrowKey(owner.getAddress(), settled))).send();
            assertConserved();
        }
    }

    @Nested
    class Governance {
        @Test
        void noHotKeyAdministersTheEscrowAndGovernanceActsOnlyAfterTheDelay() throws Exception {
            String setTreasury = escrow(f.admin).setTreasury(stranger.getAddress()).encodeFunctionCall();
            String unauthorized = selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR);
            for (Credentials hot : List.of(f.settler, f.guardian, f.arbiter, f.admin)) {
                assertThat(revert(hot, setTreasury)).isEqualTo(unauthorized);
                String grant = escrow(hot).grantRole(escrow(hot).SETTLER_ROLE().send(), stranger.getAddress()).encodeFunctionCall();
                assertThat(revert(hot, grant)).isEqualTo(unauthorized);
            }
            var timelock = EscrowTimelock.load(f.deployment.timelock(), f.chain.web3j(), f.deployer.transactionManager(f.admin),
                    f.deployer.gasProvider());
            var governance = new io.cyberplaza.chain.TimelockGovernance(timelock);
            var action = io.cyberplaza.chain.TimelockGovernance.Action.named(f.deployment.escrow(), setTreasury, "early");
            governance.schedule(action);
            assertThat(governance.isReady(action)).as("waits its delay in public").isFalse();

            Credentials newTreasury = f.chain.newAccount();
            f.governEscrow(escrow(f.admin).setTreasury(newTreasury.getAddress()).encodeFunctionCall(), "treasury");
            assertThat(escrow(f.admin).treasury().send()).isEqualToIgnoringCase(newTreasury.getAddress());
            f.governEscrow(escrow(f.admin).setTreasury(f.treasury.getAddress()).encodeFunctionCall(), "treasury back");
        }

        @Test
        void theInsuranceReservePaysVerifiedClaimsUpToTheLimitThroughGovernanceOnly() throws Exception {
            Credentials owner = f.fundedPayer(12 * USDC);
            settledOrder(owner, provider);
            BigInteger reserve = escrow(f.admin).insuranceReserve().send();
            assertThat(reserve).isPositive();
            Credentials claimant = f.chain.newAccount();
            byte[] claimId = OrderIds.toBytes32(newOrderId());
            String pay = escrow(f.admin).payInsuranceClaim(claimId, claimant.getAddress(), reserve).encodeFunctionCall();
            assertThat(revert(f.arbiter, pay)).isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));

            TransactionReceipt paid = f.governEscrow(pay, "claim");
            assertThat(paid.isStatusOK()).isTrue();
            assertThat(f.usdcBalance(claimant.getAddress())).isEqualTo(reserve);
            assertThat(escrow(f.admin).insuranceReserve().send()).isZero();
            assertConserved();
        }
    }
}
