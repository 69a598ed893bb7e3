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

/** Every path and every revert of ComputeEscrow, on a real Hardhat node. */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ComputeEscrowTest {
    private static final long USDC = 1_000_000L;

    private EscrowFixture f;
    private Credentials provider;
    private Credentials stranger;
    private final Set<String> orders = new HashSet<>();
    private final Set<String> payers = new HashSet<>();

    @BeforeAll
    void deploy(LocalChain chain) throws Exception {
        f = new EscrowFixture(chain);
        provider = chain.newAccount();
        stranger = chain.newAccount();
    }

    private ComputeEscrow escrow(Credentials who) {
        return f.escrowAs(who);
    }

    private String track(String orderId, Credentials payer) {
        orders.add(orderId);
        payers.add(payer.getAddress());
        return orderId;
    }

    /** What the escrow still owes to anyone: order balances, refunds, unwithdrawn payouts, fees. */
    private BigInteger owed() throws Exception {
        ComputeEscrow view = escrow(f.admin);
        BigInteger total = view.accruedFees().send();
        for (String orderId : orders) {
            byte[] id = OrderIds.toBytes32(orderId);
            total = total.add(view.orderOf(id).send().balance).add(view.payoutOf(id).send().amount);
        }
        for (String payer : payers) total = total.add(view.refundOf(payer).send());
        return total;
    }

    private void assertConserved() throws Exception {
        assertThat(f.escrowUsdcBalance()).as("escrow USDC balance equals what it owes").isEqualTo(owed());
    }

    private long releaseIn(Duration d) {
        return f.chain.latestTimestamp() + d.toSeconds();
    }

    @Nested
    class Deposits {
        @Test
        void aDepositOpensTheOrderAndATopUpAddsToIt() throws Exception {
            Credentials payer = f.fundedPayer(50 * USDC);
            String orderId = track(newOrderId(), payer);

            TransactionReceipt first = f.deposit(payer, orderId, 12 * USDC);
            var event = ComputeEscrow.getDepositedEvents(first).getFirst();
            assertThat(OrderIds.fromBytes32(event.orderId)).isEqualTo(orderId);
            assertThat(event.payer).isEqualToIgnoringCase(payer.getAddress());
            assertThat(event.amount).isEqualTo(BigInteger.valueOf(12 * USDC));
            assertThat(event.total).isEqualTo(BigInteger.valueOf(12 * USDC));

            TransactionReceipt topUp = f.deposit(payer, orderId, 3 * USDC);
            assertThat(ComputeEscrow.getDepositedEvents(topUp).getFirst().total).isEqualTo(BigInteger.valueOf(15 * USDC));

            ComputeEscrow.Order order = escrow(f.admin).orderOf(OrderIds.toBytes32(orderId)).send();
            assertThat(order.payer).isEqualToIgnoringCase(payer.getAddress());
            assertThat(order.balance).isEqualTo(BigInteger.valueOf(15 * USDC));
            assertThat(order.status).isEqualTo(BigInteger.ONE);
            assertThat(order.reclaimableAt.longValueExact())
                    .isEqualTo(f.chain.latestTimestamp() + EscrowFixture.RECLAIM_DELAY.toSeconds());
            assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(BigInteger.valueOf(35 * USDC));
            assertConserved();
        }

        @Test
        void aPermitDepositNeedsNoSeparateApproval() throws Exception {
            Credentials payer = f.fundedPayer(20 * USDC);
            String orderId = track(newOrderId(), payer);
            TransactionReceipt receipt = f.depositWithPermit(payer, orderId, 20 * USDC);
            assertThat(ComputeEscrow.getDepositedEvents(receipt).getFirst().total).isEqualTo(BigInteger.valueOf(20 * USDC));
            assertThat(f.usdcBalance(payer.getAddress())).isZero();
            assertThat(f.usdcAs(payer).nonces(payer.getAddress()).send()).isEqualTo(BigInteger.ONE);
            assertConserved();
        }

        @Test
        void aFrontRunPermitDoesNotBlockTheDeposit() throws Exception {
            Credentials payer = f.fundedPayer(9 * USDC);
            String orderId = track(newOrderId(), payer);
            BigInteger amount = BigInteger.valueOf(9 * USDC);
            BigInteger deadline = f.permitDeadline();
            PermitSigner.Signature sig = f.signPermit(payer, amount, deadline);
            // Someone copies the signature from the mempool and submits the permit first.
            f.usdcAs(stranger).permit(payer.getAddress(), f.deployment.escrow(), amount, deadline,
                    BigInteger.valueOf(sig.v()), sig.r(), sig.s()).send();

            TransactionReceipt receipt = escrow(payer).depositWithPermit(OrderIds.toBytes32(orderId), amount, deadline,
                    BigInteger.valueOf(sig.v()), sig.r(), sig.s()).send();
            assertThat(receipt.isStatusOK()).isTrue();
            assertThat(escrow(f.admin).orderOf(OrderIds.toBytes32(orderId)).send().balance).isEqualTo(amount);
            assertConserved();
        }

        @Test
        void aForgedPermitMovesNoMoney() throws Exception {
            Credentials payer = f.fundedPayer(9 * USDC);
            String orderId = track(newOrderId(), payer);
            BigInteger amount = BigInteger.valueOf(9 * USDC);
            BigInteger deadline = f.permitDeadline();
            // The stranger signs a permit over the payer's tokens with the stranger's own key.
            PermitSigner.Signature forged = f.payer(stranger).signPermit(amount, deadline);
            byte[] digestForPayer = PermitSigner.digest(f.usdcAs(payer).DOMAIN_SEPARATOR().send(), payer.getAddress(),
                    f.deployment.escrow(), amount, BigInteger.ZERO, deadline);
            PermitSigner.Signature wrongKey = PermitSigner.sign(digestForPayer, stranger.getEcKeyPair());
            for (PermitSigner.Signature signature : List.of(forged, wrongKey)) {
                String data = escrow(payer).depositWithPermit(OrderIds.toBytes32(orderId), amount, deadline,
                        BigInteger.valueOf(signature.v()), signature.r(), signature.s()).encodeFunctionCall();
                assertThat(f.revertSelector(payer, f.deployment.escrow(), data)).as("no allowance without a valid permit")
                        .isNotNull();
            }
            assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(amount);
            assertConserved();
        }

        @Test
        void depositsThatMustFailRevertWithTheirOwnErrors() throws Exception {
            Credentials payer = f.fundedPayer(10 * USDC);
            String orderId = track(newOrderId(), payer);
            byte[] id = OrderIds.toBytes32(orderId);
            String escrowAddress = f.deployment.escrow();

            assertThat(f.revertSelector(payer, escrowAddress, escrow(payer).deposit(id, BigInteger.ZERO).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ZEROAMOUNT_ERROR));
            // No allowance: the token refuses the pull.
            assertThat(f.revertSelector(payer, escrowAddress, escrow(payer).deposit(id, BigInteger.ONE).encodeFunctionCall()))
                    .isNotNull();

            f.deposit(payer, orderId, 4 * USDC);
            Credentials other = f.fundedPayer(USDC);
            f.usdcAs(other).approve(escrowAddress, BigInteger.valueOf(USDC)).send();
            assertThat(f.revertSelector(other, escrowAddress, escrow(other).deposit(id, BigInteger.valueOf(USDC)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.NOTORDERPAYER_ERROR));

            escrow(f.settler).settle(List.of(f.settlement(orderId, provider, 3 * USDC, 100_000, 900_000, 0))).send();
            f.usdcAs(payer).approve(escrowAddress, BigInteger.valueOf(USDC)).send();
            assertThat(f.revertSelector(payer, escrowAddress, escrow(payer).deposit(id, BigInteger.valueOf(USDC)).encodeFunctionCall()))
                    .as("a settled order takes no more money").isEqualTo(selector(ComputeEscrow.ORDERCLOSED_ERROR));
            assertConserved();
        }
    }

    @Nested
    class Settlement {
        @Test
        void aBatchSplitsEachOrderAndCreditsEveryParty() throws Exception {
            List<ComputeEscrow.Settlement> batch = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            Credentials payer = f.fundedPayer(100 * USDC);
            long releaseAt = releaseIn(Duration.ofHours(72));
            BigInteger feesBefore = escrow(f.admin).accruedFees().send();
            BigInteger refundBefore = escrow(f.admin).refundOf(payer.getAddress()).send();
            for (int i = 0; i < 3; i++) {
                String orderId = track(newOrderId(), payer);
                ids.add(orderId);
                f.deposit(payer, orderId, 12 * USDC);
                batch.add(f.settlement(orderId, provider, 9_506_000L, 194_000L, 2_300_000L, releaseAt));
            }
            TransactionReceipt receipt = escrow(f.settler).settle(batch).send();

            var events = ComputeEscrow.getSettledEvents(receipt);
            assertThat(events).hasSize(3);
            assertThat(events).allSatisfy(e -> {
                assertThat(e.provider).isEqualToIgnoringCase(provider.getAddress());
                assertThat(e.providerAmount.add(e.fee).add(e.refund)).isEqualTo(BigInteger.valueOf(12 * USDC));
                assertThat(e.releaseAt).isEqualTo(BigInteger.valueOf(releaseAt));
            });
            ComputeEscrow view = escrow(f.admin);
            for (String orderId : ids) {
                ComputeEscrow.Order order = view.orderOf(OrderIds.toBytes32(orderId)).send();
                assertThat(order.balance).isZero();
                assertThat(order.status).isEqualTo(BigInteger.TWO);
                assertThat(view.payoutOf(OrderIds.toBytes32(orderId)).send().amount).isEqualTo(BigInteger.valueOf(9_506_000L));
            }
            assertThat(view.accruedFees().send().subtract(feesBefore)).isEqualTo(BigInteger.valueOf(3 * 194_000L));
            assertThat(view.refundOf(payer.getAddress()).send().subtract(refundBefore)).isEqualTo(BigInteger.valueOf(3 * 2_300_000L));
            assertConserved();
        }

        @Test
        void aFullRefundNeedsNoProvider() throws Exception {
            Credentials payer = f.fundedPayer(5 * USDC);
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 5 * USDC);
            escrow(f.settler).settle(List.of(new ComputeEscrow.Settlement(OrderIds.toBytes32(orderId),
                    "0x0000000000000000000000000000000000000000", BigInteger.ZERO, BigInteger.ZERO,
                    BigInteger.valueOf(5 * USDC), BigInteger.ZERO))).send();
            escrow(payer).withdrawRefund().send();
            assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(BigInteger.valueOf(5 * USDC));
            assertConserved();
        }

        @Test
        void settlementsThatBreakTheRulesRevertWholeBatches() throws Exception {
            Credentials payer = f.fundedPayer(20 * USDC);
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 10 * USDC);
            String escrowAddress = f.deployment.escrow();
            ComputeEscrow asSettler = escrow(f.settler);

            String over = asSettler.settle(List.of(f.settlement(orderId, provider, 9 * USDC, USDC, 1, 0))).encodeFunctionCall();
            String under = asSettler.settle(List.of(f.settlement(orderId, provider, 9 * USDC, USDC - 1, 0, 0))).encodeFunctionCall();
            String unknown = asSettler.settle(List.of(f.settlement(newOrderId(), provider, 0, 0, 0, 0))).encodeFunctionCall();
            String empty = asSettler.settle(List.of()).encodeFunctionCall();
            String noProvider = asSettler.settle(List.of(new ComputeEscrow.Settlement(OrderIds.toBytes32(orderId),
                    "0x0000000000000000000000000000000000000000", BigInteger.valueOf(10 * USDC), BigInteger.ZERO,
                    BigInteger.ZERO, BigInteger.ZERO))).encodeFunctionCall();
            var valid = f.settlement(orderId, provider, 9 * USDC, USDC, 0, 0);
            String twiceInOneBatch = asSettler.settle(List.of(valid, valid)).encodeFunctionCall();
            String good = asSettler.settle(List.of(valid)).encodeFunctionCall();

            assertThat(f.revertSelector(f.settler, escrowAddress, over)).isEqualTo(selector(ComputeEscrow.SETTLEMENTMISMATCH_ERROR));
            assertThat(f.revertSelector(f.settler, escrowAddress, under)).isEqualTo(selector(ComputeEscrow.SETTLEMENTMISMATCH_ERROR));
            assertThat(f.revertSelector(f.settler, escrowAddress, unknown)).isEqualTo(selector(ComputeEscrow.ORDERNOTFUNDED_ERROR));
            assertThat(f.revertSelector(f.settler, escrowAddress, empty)).isEqualTo(selector(ComputeEscrow.EMPTYBATCH_ERROR));
            assertThat(f.revertSelector(f.settler, escrowAddress, noProvider)).isEqualTo(selector(ComputeEscrow.ZEROADDRESS_ERROR));
            assertThat(f.revertSelector(f.settler, escrowAddress, twiceInOneBatch)).isEqualTo(selector(ComputeEscrow.ORDERCLOSED_ERROR));
            assertThat(f.revertSelector(stranger, escrowAddress, good))
                    .isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));

            asSettler.settle(List.of(valid)).send();
            assertThat(f.revertSelector(f.settler, escrowAddress, good)).as("settled once only")
                    .isEqualTo(selector(ComputeEscrow.ORDERCLOSED_ERROR));
            assertConserved();
        }
    }

    @Nested
    class StorageWidths {
        @Test
        void amountsAndTimesBeyondWhatStorageHoldsAreRefusedNotTruncated() throws Exception {
            BigInteger beyondUint64 = BigInteger.TWO.pow(64);
            Credentials whale = f.chain.newAccount();
            f.usdcAs(f.admin).mint(whale.getAddress(), BigInteger.TWO.pow(97)).send();
            f.usdcAs(whale).approve(f.deployment.escrow(), BigInteger.TWO.pow(97)).send();
            String orderId = track(newOrderId(), whale);
            byte[] id = OrderIds.toBytes32(orderId);
            String escrowAddress = f.deployment.escrow();

            assertThat(f.revertSelector(whale, escrowAddress, escrow(whale).deposit(id, BigInteger.TWO.pow(96)).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.AMOUNTTOOLARGE_ERROR));
            escrow(whale).deposit(id, beyondUint64).send();
            String payoutTooLarge = escrow(f.settler).settle(List.of(new ComputeEscrow.Settlement(id, provider.getAddress(),
                    beyondUint64, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO))).encodeFunctionCall();
            assertThat(f.revertSelector(f.settler, escrowAddress, payoutTooLarge)).isEqualTo(selector(ComputeEscrow.AMOUNTTOOLARGE_ERROR));
            String releaseTooLate = escrow(f.settler).settle(List.of(new ComputeEscrow.Settlement(id, provider.getAddress(),
                    beyondUint64.subtract(BigInteger.ONE), BigInteger.ONE, BigInteger.ZERO, BigInteger.TWO.pow(32))))
                    .encodeFunctionCall();
            assertThat(f.revertSelector(f.settler, escrowAddress, releaseTooLate)).isEqualTo(selector(ComputeEscrow.RELEASETOOLATE_ERROR));
            assertConserved();
        }
    }

    @Nested
    class Withdrawals {
        @Test
        void refundsAtOncePayoutsFromReleaseFeesToTheTreasury() throws Exception {
            Credentials payer = f.fundedPayer(12 * USDC);
            Credentials ownProvider = f.chain.newAccount();
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 12 * USDC);
            escrow(f.settler).settle(List.of(f.settlement(orderId, ownProvider, 9_506_000L, 194_000L, 2_300_000L,
                    releaseIn(Duration.ofHours(72))))).send();
            String escrowAddress = f.deployment.escrow();
            byte[] id = OrderIds.toBytes32(orderId);

            escrow(payer).withdrawRefund().send();
            assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(BigInteger.valueOf(2_300_000L));
            assertThat(f.revertSelector(payer, escrowAddress, escrow(payer).withdrawRefund().encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.NOTHINGTOWITHDRAW_ERROR));

            String withdrawPayout = escrow(ownProvider).withdrawPayouts(List.of(id)).encodeFunctionCall();
            assertThat(f.revertSelector(ownProvider, escrowAddress, withdrawPayout)).isEqualTo(selector(ComputeEscrow.PAYOUTLOCKED_ERROR));
            assertThat(f.revertSelector(stranger, escrowAddress, withdrawPayout)).isEqualTo(selector(ComputeEscrow.NOTPAYEE_ERROR));

            f.chain.advanceTime(Duration.ofHours(72));
            escrow(ownProvider).withdrawPayouts(List.of(id)).send();
            assertThat(f.usdcBalance(ownProvider.getAddress())).isEqualTo(BigInteger.valueOf(9_506_000L));
            assertThat(f.revertSelector(ownProvider, escrowAddress, withdrawPayout))
                    .as("a second withdrawal finds nothing").isEqualTo(selector(ComputeEscrow.NOTHINGTOWITHDRAW_ERROR));

            BigInteger fees = escrow(f.admin).accruedFees().send();
            BigInteger treasuryBefore = f.usdcBalance(f.treasury.getAddress());
            escrow(stranger).withdrawFees().send();
            assertThat(f.usdcBalance(f.treasury.getAddress()).subtract(treasuryBefore)).isEqualTo(fees);
            assertThat(f.revertSelector(stranger, escrowAddress, escrow(stranger).withdrawFees().encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.NOTHINGTOWITHDRAW_ERROR));
            assertConserved();
        }

        @Test
        void aBlacklistedPayerBlocksOnlyItself() throws Exception {
            Credentials payer = f.fundedPayer(10 * USDC);
            Credentials ownProvider = f.chain.newAccount();
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 10 * USDC);
            escrow(f.settler).settle(List.of(f.settlement(orderId, ownProvider, 7 * USDC, 300_000L, 2_700_000L,
                    releaseIn(Duration.ZERO)))).send();
            f.usdcAs(f.admin).setBlacklisted(payer.getAddress(), true).send();

            assertThat(f.revertSelector(payer, f.deployment.escrow(), escrow(payer).withdrawRefund().encodeFunctionCall()))
                    .as("USDC refuses to pay a blacklisted address").isNotNull();
            escrow(ownProvider).withdrawPayouts(List.of(OrderIds.toBytes32(orderId))).send();
            escrow(stranger).withdrawFees().send();
            assertThat(f.usdcBalance(ownProvider.getAddress())).isEqualTo(BigInteger.valueOf(7 * USDC));
            assertThat(escrow(f.admin).refundOf(payer.getAddress()).send()).as("kept for the payer")
                    .isEqualTo(BigInteger.valueOf(2_700_000L));
            f.usdcAs(f.admin).setBlacklisted(payer.getAddress(), false).send();
            escrow(payer).withdrawRefund().send();
            assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(BigInteger.valueOf(2_700_000L));
            assertConserved();
        }
    }

    @Nested
    class ReclaimAndPause {
        @Test
        void aPayerReclaimsAnUnsettledOrderOnlyAfterTheDeadlineEvenWhilePaused() throws Exception {
            Credentials payer = f.fundedPayer(6 * USDC);
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 6 * USDC);
            byte[] id = OrderIds.toBytes32(orderId);
            String escrowAddress = f.deployment.escrow();
            String reclaim = escrow(payer).reclaim(id).encodeFunctionCall();

            assertThat(f.revertSelector(payer, escrowAddress, reclaim)).isEqualTo(selector(ComputeEscrow.RECLAIMTOOEARLY_ERROR));
            assertThat(f.revertSelector(stranger, escrowAddress, reclaim)).isEqualTo(selector(ComputeEscrow.NOTORDERPAYER_ERROR));
            assertThat(f.revertSelector(payer, escrowAddress, escrow(payer).reclaim(OrderIds.toBytes32(newOrderId())).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ORDERNOTFUNDED_ERROR));

            f.chain.advanceTime(EscrowFixture.RECLAIM_DELAY);
            escrow(f.pauser).pause().send();
            try {
                TransactionReceipt receipt = escrow(payer).reclaim(id).send();
                assertThat(ComputeEscrow.getReclaimedEvents(receipt).getFirst().amount).isEqualTo(BigInteger.valueOf(6 * USDC));
                assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(BigInteger.valueOf(6 * USDC));
                assertThat(f.revertSelector(payer, escrowAddress, reclaim)).isEqualTo(selector(ComputeEscrow.ORDERCLOSED_ERROR));
            } finally {
                escrow(f.pauser).unpause().send();
            }
            String settle = escrow(f.settler).settle(List.of(f.settlement(orderId, provider, 0, 0, 0, 0))).encodeFunctionCall();
            assertThat(f.revertSelector(f.settler, escrowAddress, settle)).as("a reclaimed order cannot be settled")
                    .isEqualTo(selector(ComputeEscrow.ORDERCLOSED_ERROR));
            assertConserved();
        }

        @Test
        void pauseStopsDepositsAndSettlementsAndOnlyThePauserHoldsIt() throws Exception {
            Credentials payer = f.fundedPayer(8 * USDC);
            String orderId = track(newOrderId(), payer);
            f.deposit(payer, orderId, 4 * USDC);
            String escrowAddress = f.deployment.escrow();
            byte[] id = OrderIds.toBytes32(orderId);

            assertThat(f.revertSelector(stranger, escrowAddress, escrow(stranger).pause().encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
            escrow(f.pauser).pause().send();
            try {
                f.usdcAs(payer).approve(escrowAddress, BigInteger.valueOf(4 * USDC)).send();
                assertThat(f.revertSelector(payer, escrowAddress, escrow(payer).deposit(id, BigInteger.valueOf(USDC)).encodeFunctionCall()))
                        .isEqualTo(selector(ComputeEscrow.ENFORCEDPAUSE_ERROR));
                String settle = escrow(f.settler).settle(List.of(f.settlement(orderId, provider, 3 * USDC, USDC, 0, 0)))
                        .encodeFunctionCall();
                assertThat(f.revertSelector(f.settler, escrowAddress, settle)).isEqualTo(selector(ComputeEscrow.ENFORCEDPAUSE_ERROR));
            } finally {
                escrow(f.pauser).unpause().send();
            }
            escrow(payer).deposit(id, BigInteger.valueOf(USDC)).send();
            assertThat(escrow(f.admin).orderOf(id).send().balance).isEqualTo(BigInteger.valueOf(5 * USDC));
            assertConserved();
        }

        @Test
        void theEscrowCannotBeDeployedWithoutItsParties() throws Exception {
            for (String zeroed : List.of("token", "admin", "treasury")) {
                String zero = "0x0000000000000000000000000000000000000000";
                String token = zeroed.equals("token") ? zero : f.deployment.usdc();
                String admin = zeroed.equals("admin") ? zero : f.admin.getAddress();
                String treasury = zeroed.equals("treasury") ? zero : f.treasury.getAddress();
                String constructor = org.web3j.abi.FunctionEncoder.encodeConstructor(List.of(new org.web3j.abi.datatypes.Address(token),
                        new org.web3j.abi.datatypes.Address(admin), new org.web3j.abi.datatypes.Address(treasury),
                        new org.web3j.abi.datatypes.generated.Uint64(BigInteger.valueOf(3_600))));
                var call = f.chain.web3j().ethCall(org.web3j.protocol.core.methods.request.Transaction.createContractTransaction(
                        f.admin.getAddress(), null, null, ComputeEscrow.BINARY + constructor),
                        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send();
                assertThat(io.cyberplaza.chain.RevertData.selectorOf(call.hasError() ? call.getError().getData() : call.getValue()))
                        .as("zero %s", zeroed).isEqualTo(selector(ComputeEscrow.ZEROADDRESS_ERROR));
            }
        }

        @Test
        void onlyTheTokenOwnerMintsOrBlacklists() throws Exception {
            String usdc = f.deployment.usdc();
            assertThat(f.revertSelector(stranger, usdc, f.usdcAs(stranger).mint(stranger.getAddress(), BigInteger.ONE).encodeFunctionCall()))
                    .isEqualTo(selector(TestUSDC.OWNABLEUNAUTHORIZEDACCOUNT_ERROR));
            assertThat(f.revertSelector(stranger, usdc, f.usdcAs(stranger).setBlacklisted(f.admin.getAddress(), true).encodeFunctionCall()))
                    .isEqualTo(selector(TestUSDC.OWNABLEUNAUTHORIZEDACCOUNT_ERROR));
            assertThat(f.usdcAs(stranger).decimals().send()).isEqualTo(BigInteger.valueOf(6));
        }

        @Test
        void onlyTheAdminMovesTheTreasury() throws Exception {
            String escrowAddress = f.deployment.escrow();
            assertThat(f.revertSelector(stranger, escrowAddress, escrow(stranger).setTreasury(stranger.getAddress()).encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR));
            assertThat(f.revertSelector(f.admin, escrowAddress,
                    escrow(f.admin).setTreasury("0x0000000000000000000000000000000000000000").encodeFunctionCall()))
                    .isEqualTo(selector(ComputeEscrow.ZEROADDRESS_ERROR));
        }
    }
}
