package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.EscrowTimelock;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.EscrowDisputes;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.tx.TxStatus;
import io.cyberplaza.store.dynamodb.DynamoDbLocalExtension;
import io.cyberplaza.store.dynamodb.DynamoStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;

import static io.cyberplaza.chain.testing.EscrowFixture.newOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dispute desk's chain adapter on a real escrow: each role's key, and governance for escalated disputes. */
@ExtendWith({HardhatExtension.class, DynamoDbLocalExtension.class})
class ChainEscrowDisputesTest {
    private static final long USDC = 1_000_000L;
    /** ComputeEscrow.Status, in the contract's order. */
    private static final int DISPUTED = 3;
    private static final int FROZEN = 4;
    private static final int RESOLVED = 5;
    private static final Duration FINAL = Duration.ofSeconds(30);

    private final LocalChain chain;
    private final DynamoStores stores;
    private EscrowFixture f;
    private TransactionSender settler;
    private TransactionSender arbiter;
    private TransactionSender guardian;
    private ChainEscrowDisputes disputes;
    private Credentials provider;

    ChainEscrowDisputesTest(LocalChain chain, DynamoStores stores) {
        this.chain = chain;
        this.stores = stores;
    }

    @BeforeEach
    void wire() throws Exception {
        f = new EscrowFixture(chain);
        provider = chain.newAccount();
        MutableClock clock = new MutableClock();
        settler = sender(f.settler, clock);
        arbiter = sender(f.arbiter, clock);
        guardian = sender(f.guardian, clock);
        disputes = new ChainEscrowDisputes(chain.web3j(), settler, () -> arbiter, () -> guardian, stores.outbox(),
                f.deployment.escrow(), f.deployment.timelock());
    }

    private TransactionSender sender(Credentials key, MutableClock clock) {
        return new TransactionSender(chain.web3j(), key, chain.chainId(), stores.outbox(), TransactionSender.Settings.defaults(), clock,
                "worker-" + key.getAddress());
    }

    /** A settled order of {@code owner}'s paying the provider {@code payout}, held for the dispute window. */
    private String settled(Credentials owner, long payout) throws Exception {
        String orderId = newOrderId();
        f.deposit(owner, orderId, payout + USDC);
        f.escrowAs(f.settler).settle(List.of(f.settlement(orderId, owner, provider, payout, 0, 0))).send();
        return orderId;
    }

    @Test
    void anUnreachableNodeRefusesTheThresholdAsTemporarilyUnavailableAndItIsReadOnceItAnswers() throws Exception {
        org.web3j.protocol.Web3j nowhere = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService("http://127.0.0.1:9"));
        ChainEscrowDisputes blind = new ChainEscrowDisputes(nowhere, settler, () -> arbiter, () -> guardian, stores.outbox(),
                f.deployment.escrow(), f.deployment.timelock());
        assertThatThrownBy(blind::escalationThreshold).as("found by the soak: an operator's resolution answered 500 while the node was down")
                .isInstanceOfSatisfying(io.cyberplaza.core.error.DomainException.class,
                        e -> assertThat(e.type()).isEqualTo(io.cyberplaza.core.error.ErrorType.CHAIN_UNAVAILABLE));
        nowhere.shutdown();
        assertThat(disputes.escalationThreshold()).isEqualTo(EscrowDeployer.Terms.ESCALATION_THRESHOLD);
    }

    @Test
    void theSettlerOpensForTheOwnerTheArbiterSplitsAndEachCallIsSentOnce() throws Exception {
        Credentials owner = f.fundedPayer(10 * USDC);
        String orderId = settled(owner, 9 * USDC);
        String owned = owner.getAddress().toLowerCase();
        assertThat(disputes.payout(owned, orderId)).isEqualTo(new EscrowDisputes.Payout(EscrowDisputes.PayoutStatus.HELD, 9 * USDC,
                f.order(owner, orderId).deadline.longValueExact()));

        disputes.openFor("open:" + orderId, owned, orderId);
        disputes.openFor("open:" + orderId, owned, orderId);
        assertThat(settler.awaitFinal("open:" + orderId, FINAL).status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(f.order(owner, orderId).status.intValueExact()).isEqualTo(DISPUTED);
        assertThat(disputes.isRecorded(EscrowDisputes.Role.SETTLER, "open:" + orderId)).isTrue();
        assertThat(disputes.isRecorded(EscrowDisputes.Role.ARBITER, "open:" + orderId)).as("each key its own outbox").isFalse();
        assertThat(disputes.payout(owned, orderId).status()).isEqualTo(EscrowDisputes.PayoutStatus.FROZEN);

        disputes.resolve("resolve:" + orderId, owned, orderId, 6_300_000L);
        assertThat(arbiter.awaitFinal("resolve:" + orderId, FINAL).status()).isEqualTo(TxStatus.CONFIRMED);
        ComputeEscrow.Order split = f.order(owner, orderId);
        assertThat(split.status.intValueExact()).isEqualTo(RESOLVED);
        assertThat(split.amount.longValueExact()).isEqualTo(6_300_000L);
        assertThat(f.escrowAs(f.admin).refundOf(owner.getAddress()).send().longValueExact()).isEqualTo(USDC + 2_700_000L);
    }

    @Test
    void theGuardianFreezesAHeldPayoutAndAnOpeningAfterTheWindowIsRefusedBeforeAnythingIsSent() throws Exception {
        Credentials owner = f.fundedPayer(20 * USDC);
        String owned = owner.getAddress().toLowerCase();
        String stolen = settled(owner, 9 * USDC);
        disputes.freeze("freeze:" + stolen, owned, stolen);
        assertThat(guardian.awaitFinal("freeze:" + stolen, FINAL).status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(f.order(owner, stolen).status.intValueExact()).isEqualTo(FROZEN);

        String late = settled(owner, 9 * USDC);
        chain.advanceTime(EscrowFixture.MIN_DISPUTE_WINDOW.plusMinutes(1));
        assertThatThrownBy(() -> disputes.openFor("open:" + late, owned, late)).isInstanceOf(EscrowDisputes.Refused.class);
        assertThat(disputes.isRecorded(EscrowDisputes.Role.SETTLER, "open:" + late)).isFalse();
    }

    @Test
    void aDisputeOverTheThresholdIsRefusedToTheArbiterAndSplitOnlyByTheTimelockActionTheDeskShows() throws Exception {
        long held = 10_000 * USDC + 1;
        assertThat(disputes.escalationThreshold()).isEqualTo(10_000 * USDC);
        Credentials owner = f.fundedPayer(held + USDC);
        String owned = owner.getAddress().toLowerCase();
        String orderId = settled(owner, held);
        disputes.openFor("open:" + orderId, owned, orderId);
        settler.awaitFinal("open:" + orderId, FINAL);

        assertThatThrownBy(() -> disputes.resolve("resolve:" + orderId, owned, orderId, held)).isInstanceOf(EscrowDisputes.Refused.class);

        Dispute.GovernanceAction action = disputes.governanceResolution(owned, orderId, 7_000 * USDC);
        assertThat(action.timelock()).isEqualToIgnoringCase(f.deployment.timelock());
        assertThat(action.delaySeconds()).isEqualTo(EscrowFixture.GOVERNANCE_DELAY.toSeconds());
        TimelockGovernance governance = new TimelockGovernance(EscrowTimelock.load(f.deployment.timelock(), chain.web3j(),
                f.deployer.transactionManager(f.admin), f.deployer.gasProvider()));
        TimelockGovernance.Action scheduled = new TimelockGovernance.Action(action.target(), action.data(), Numeric.hexStringToByteArray(action.salt()));
        assertThat(governance.idOf(scheduled)).isEqualTo(action.operationId());
        governance.schedule(scheduled);
        chain.advanceTime(EscrowFixture.GOVERNANCE_DELAY);
        assertThat(governance.execute(scheduled).isStatusOK()).isTrue();

        ComputeEscrow.Order split = f.order(owner, orderId);
        assertThat(split.status.intValueExact()).isEqualTo(RESOLVED);
        assertThat(split.amount.longValueExact()).isEqualTo(7_000 * USDC);
        assertThat(f.escrowAs(f.admin).refundOf(owner.getAddress()).send()).isEqualTo(BigInteger.valueOf(USDC + held - 7_000 * USDC));
    }
}
