package io.cyberplaza.chain.rewards;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.chain.contracts.CyberPlazaToken;
import io.cyberplaza.chain.contracts.RewardsDistributor;
import io.cyberplaza.chain.contracts.RewardsReserve;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.rewards.EpochRecord;
import io.cyberplaza.core.rewards.RewardRules;
import io.cyberplaza.core.rewards.RewardSchedule;
import io.cyberplaza.core.rewards.RewardsRun;
import io.cyberplaza.core.rewards.RewardsView;
import io.cyberplaza.core.rewards.SettledSpends;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.store.dynamodb.DynamoDbLocalExtension;
import io.cyberplaza.store.dynamodb.DynamoStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rewards function's run against the deployed CPT contracts and DynamoDB: an epoch from settled orders to claims. */
@ExtendWith({HardhatExtension.class, DynamoDbLocalExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RewardsOnChainTest {
    private static final long USDC = 1_000_000L;
    private static final Duration ROOT_DELAY = Duration.ofMinutes(10);
    /** Far from any other test's settlements, which share the tables. */
    private static final Instant GENESIS = Instant.parse("2090-01-06T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private final LocalChain chain;
    private final DynamoStores stores;
    private String snapshot;
    private CptDeployer.Deployment deployment;
    private Credentials admin;
    private TransactionSender publisherSender;

    RewardsOnChainTest(LocalChain chain, DynamoStores stores) {
        this.chain = chain;
        this.stores = stores;
    }

    @BeforeAll
    void deploy() throws Exception {
        snapshot = chain.snapshot();
        admin = chain.newAccount();
        Credentials treasury = chain.newAccount();
        Credentials publisher = chain.newAccount();
        Credentials guardian = chain.newAccount();
        deployment = new CptDeployer(chain.web3j(), chain.chainId()).deploy(admin, new CptDeployer.Holders(treasury.getAddress(),
                        chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(), publisher.getAddress(),
                        guardian.getAddress()), new CptDeployer.Terms(ROOT_DELAY, CptDeployer.CPT.multiply(BigInteger.valueOf(1_000_000))));
        publisherSender = new TransactionSender(chain.web3j(), publisher, chain.chainId(), stores.outbox(), TransactionSender.Settings.defaults(),
                new MutableClock(), "rewards-test");
    }

    @AfterAll
    void rewind() {
        chain.revert(snapshot);
    }

    @Test
    void anEpochIsComputedFundedProposedAndAcceptedOnceAndItsProofsPayExactlyWhatWasEarned() throws Exception {
        Credentials buyer = chain.newAccount();
        Credentials provider = chain.newAccount();
        // 100 USDC kept plus a 4 USDC fee stayed spent, 20 refunded.
        settle(buyer.getAddress(), provider.getAddress(), 100 * USDC, 4 * USDC, 20 * USDC, GENESIS.plus(Duration.ofDays(3)));
        MutableClock clock = new MutableClock(GENESIS.plus(WEEK).plusSeconds(1));
        ChainRewards rewardsChain = new ChainRewards(chain.web3j(), () -> publisherSender, stores.outbox(), deployment.reserve(),
                deployment.distributor());
        // CPT at 0.10 USD; rates of the whitepaper.
        RewardsRun run = new RewardsRun(stores.rewards(), rewardsChain, new MerkleRewardTrees(),
                new SettledSpends(stores.settlements(), stores.disputes(), stores.providers()), new RewardSchedule(GENESIS, WEEK, Duration.ZERO),
                RewardRules.whitepaper(1, CptDeployer.CPT.multiply(BigInteger.valueOf(100_000)), 1_000 * USDC), () -> 100_000L, clock);

        assertThat(run.run().stage()).isEqualTo("COMPUTED");
        assertThat(run.run().stage()).isEqualTo("FUNDED");
        assertThat(run.run().stage()).isEqualTo("PROPOSED");
        assertThat(run.run().stage()).as("the guardian's window").isEqualTo("PROPOSED");
        chain.advanceTime(ROOT_DELAY);
        clock.advance(ROOT_DELAY);
        run.run();
        assertThat(run.run().stage()).isEqualTo("ACCEPTED");
        EpochRecord epoch = stores.rewards().epoch(1).orElseThrow();
        for (int again = 0; again < 3; again++) run.run();
        assertThat(stores.rewards().epoch(1)).as("running it again changes nothing").contains(epoch);
        assertThat(stores.outbox().pending(publisherSender.sender())).isEmpty();

        // 1 % of 104 USD = 10.4 CPT to the buyer, 2 % = 20.8 CPT to the provider.
        BigInteger buyerEarned = new BigInteger("10400000000000000000");
        BigInteger providerEarned = new BigInteger("20800000000000000000");
        assertThat(epoch.distributed()).isEqualTo(buyerEarned.add(providerEarned));
        RewardsReserve reserve = RewardsReserve.load(deployment.reserve(), chain.web3j(), tx().transactionManager(admin), tx().gasProvider());
        assertThat(reserve.epochFunded(BigInteger.ONE).send()).isTrue();
        assertThat(reserve.paidInWindow().send()).as("funded once").isEqualTo(epoch.distributed());
        CyberPlazaToken cpt = CyberPlazaToken.load(deployment.token(), chain.web3j(), tx().transactionManager(admin), tx().gasProvider());
        assertThat(cpt.balanceOf(deployment.distributor()).send()).isEqualTo(epoch.distributed());
        RewardsDistributor distributor = RewardsDistributor.load(deployment.distributor(), chain.web3j(), tx().transactionManager(admin),
                tx().gasProvider());
        assertThat(Numeric.toHexString(distributor.root().send())).isEqualTo(epoch.root());

        // The platform (any account) claims for both in one transaction, with the proofs the API gives.
        RewardsView view = new RewardsView(stores.rewards(), rewardsChain);
        RewardsView.Claim buyerClaim = view.of(buyer.getAddress()).claim();
        RewardsView.Claim providerClaim = view.of(provider.getAddress()).claim();
        assertThat(buyerClaim.cumulative()).isEqualTo(buyerEarned);
        Credentials sponsor = chain.newAccount();
        RewardsDistributor.load(deployment.distributor(), chain.web3j(), tx().transactionManager(sponsor), tx().gasProvider())
                .claimMany(List.of(buyerClaim.account(), providerClaim.account()), List.of(buyerClaim.cumulative(), providerClaim.cumulative()),
                        List.of(proof(buyerClaim), proof(providerClaim))).send();

        assertThat(cpt.balanceOf(buyer.getAddress()).send()).isEqualTo(buyerEarned);
        assertThat(cpt.balanceOf(provider.getAddress()).send()).isEqualTo(providerEarned);
        assertThat(cpt.balanceOf(deployment.distributor()).send()).as("funded less claimed").isZero();
        assertThat(view.of(buyer.getAddress()).claimable()).isZero();
        assertThat(view.of(buyer.getAddress()).claimed()).isEqualTo(buyerEarned);
        assertThat(Map.of("claim", view.of(provider.getAddress()).claim() == null)).containsEntry("claim", true);
    }

    private static List<byte[]> proof(RewardsView.Claim claim) {
        return claim.proof().stream().map(Numeric::hexStringToByteArray).toList();
    }

    private EscrowDeployer tx() {
        return new EscrowDeployer(chain.web3j(), chain.chainId());
    }

    private void settle(String owner, String provider, long kept, long fee, long refund, Instant releaseAt) {
        String orderId = "0x" + Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(releaseAt.getEpochSecond()).shiftLeft(64)
                .add(BigInteger.valueOf(System.nanoTime())), 64);
        Settlement computed = new Settlement(orderId, owner.toLowerCase(), provider.toLowerCase(), kept + fee + refund, kept, fee, refund,
                releaseAt.getEpochSecond(), SettlementStatus.COMPUTED, null, 0);
        stores.settlements().create(computed);
        Settlement submitted = computed.submitted("settle:" + orderId);
        stores.settlements().replace(computed, submitted);
        stores.settlements().replace(submitted, submitted.confirmed());
    }
}
