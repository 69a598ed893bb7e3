package io.cyberplaza.chain.contracts;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.rewards.CptDeployer;
import io.cyberplaza.chain.rewards.RewardTree;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.cyberplaza.chain.rewards.CptDeployer.CPT;
import static io.cyberplaza.chain.rewards.CptDeployer.MONTH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CPT's fixed supply, its vesting schedules, and the rewards distributor's cumulative claims, on a Hardhat node. */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CptRewardsTest {
    private static final Duration ROOT_DELAY = Duration.ofHours(24);
    private static final BigInteger WEEKLY_CAP = BigInteger.valueOf(2_000_000).multiply(CPT);

    private LocalChain chain;
    private EscrowDeployer tx;
    private String snapshot;
    private Credentials admin, treasury, foundation, privateSale, team, publisher, guardian;
    private CptDeployer.Deployment deployment;

    @BeforeAll
    void deploy(LocalChain chain) throws Exception {
        this.chain = chain;
        snapshot = chain.snapshot();
        tx = new EscrowDeployer(chain.web3j(), chain.chainId());
        admin = chain.newAccount();
        treasury = chain.newAccount();
        foundation = chain.newAccount();
        privateSale = chain.newAccount();
        team = chain.newAccount();
        publisher = chain.newAccount();
        guardian = chain.newAccount();
        deployment = new CptDeployer(chain.web3j(), chain.chainId()).deploy(admin, new CptDeployer.Holders(treasury.getAddress(),
                foundation.getAddress(), privateSale.getAddress(), team.getAddress(), publisher.getAddress(), guardian.getAddress()),
                new CptDeployer.Terms(ROOT_DELAY, WEEKLY_CAP));
    }

    @AfterAll
    void rewindTheClock() {
        // Vesting moves the chain's clock by years; the other tests of this node keep their own time.
        chain.revert(snapshot);
    }

    private CyberPlazaToken cpt(Credentials who) {
        return CyberPlazaToken.load(deployment.token(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private RewardsDistributor distributor(Credentials who) {
        return RewardsDistributor.load(deployment.distributor(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private RewardsReserve reserve(Credentials who) {
        return RewardsReserve.load(deployment.reserve(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private BigInteger balance(String account) throws Exception {
        return cpt(admin).balanceOf(account).send();
    }

    @Test
    void theSupplyIsFixedAtOneHundredMillionAndAllocatedAsTheWhitepaperSays() throws Exception {
        CyberPlazaToken token = cpt(admin);
        assertThat(token.totalSupply().send()).isEqualTo(CptDeployer.SUPPLY).isEqualTo(BigInteger.valueOf(100_000_000).multiply(CPT));
        assertThat(token.decimals().send()).isEqualTo(BigInteger.valueOf(18));
        assertThat(token.symbol().send()).isEqualTo("CPT");
        assertThat(balance(deployment.reserve())).isEqualTo(BigInteger.valueOf(45_000_000).multiply(CPT));
        assertThat(balance(treasury.getAddress())).isEqualTo(BigInteger.valueOf(11_750_000).multiply(CPT));
        assertThat(balance(deployment.foundationVesting())).isEqualTo(BigInteger.valueOf(15_750_000).multiply(CPT));
        assertThat(balance(deployment.privateSaleVesting())).isEqualTo(BigInteger.valueOf(12_500_000).multiply(CPT));
        assertThat(balance(deployment.teamVesting())).isEqualTo(BigInteger.valueOf(15_000_000).multiply(CPT));
        // No function of the token can add supply: the ABI has no mint, and burning only lowers it.
        assertThat(CyberPlazaToken.class.getMethods()).noneMatch(method -> method.getName().toLowerCase().contains("mint"));
        cpt(treasury).burn(CPT).send();
        assertThat(token.totalSupply().send()).isEqualTo(CptDeployer.SUPPLY.subtract(CPT));
    }

    @Nested
    class Vesting {
        private CptVestingWallet wallet(String address, Credentials beneficiary) {
            return CptVestingWallet.load(address, chain.web3j(), tx.transactionManager(beneficiary), tx.gasProvider());
        }

        private BigInteger releasable(String wallet) throws Exception {
            return wallet(wallet, admin).releasable(deployment.token()).send();
        }

        /** Each schedule at its start (the cliff's end), midway and at its end, checked against its own arithmetic. */
        @Test
        void eachScheduleReleasesExactlyItsShareAtTheCliffMidwayAndTheEnd() throws Exception {
            long launch = deployment.launch().getEpochSecond();
            record Schedule(String wallet, Credentials beneficiary, BigInteger total, long start, long duration) {
                BigInteger vestedAt(long t) {
                    if (t < start) return BigInteger.ZERO;
                    if (t >= start + duration) return total;
                    return total.multiply(BigInteger.valueOf(t - start)).divide(BigInteger.valueOf(duration));
                }
            }
            List<Schedule> schedules = List.of(
                    new Schedule(deployment.foundationVesting(), foundation, CptDeployer.FOUNDATION_VESTED, launch, MONTH.multipliedBy(24).toSeconds()),
                    new Schedule(deployment.privateSaleVesting(), privateSale, CptDeployer.PRIVATE_SALE,
                            launch + MONTH.multipliedBy(6).toSeconds(), MONTH.multipliedBy(18).toSeconds()),
                    new Schedule(deployment.teamVesting(), team, CptDeployer.TEAM,
                            launch + MONTH.multipliedBy(12).toSeconds(), MONTH.multipliedBy(36).toSeconds()));

            assertThat(releasable(deployment.privateSaleVesting())).as("before the private sale's cliff").isZero();
            assertThat(releasable(deployment.teamVesting())).as("before the team's cliff").isZero();
            // Visit every schedule's checkpoints in time order; the chain's clock only moves forward.
            List<long[]> checkpoints = new ArrayList<>();
            for (int i = 0; i < schedules.size(); i++) {
                Schedule s = schedules.get(i);
                checkpoints.add(new long[]{s.start() - 1, i});
                checkpoints.add(new long[]{s.start() + s.duration() / 2, i});
                checkpoints.add(new long[]{s.start() + s.duration(), i});
            }
            checkpoints.sort((a, b) -> Long.compare(a[0], b[0]));
            for (long[] checkpoint : checkpoints) {
                long now = chain.latestTimestamp();
                if (checkpoint[0] > now) chain.advanceTime(Duration.ofSeconds(checkpoint[0] - now));
                Schedule s = schedules.get((int) checkpoint[1]);
                long at = chain.latestTimestamp();
                assertThat(releasable(s.wallet())).as("releasable at " + (at - launch) + " s after launch").isEqualTo(s.vestedAt(at));
            }
            for (Schedule s : schedules) {
                wallet(s.wallet(), s.beneficiary()).release(deployment.token()).send();
                assertThat(balance(s.beneficiary().getAddress())).isEqualTo(s.total());
                assertThat(balance(s.wallet())).isZero();
            }
        }
    }

    @Nested
    class Rewards {
        private final Map<String, BigInteger> earned = new HashMap<>();
        private long lastEpoch;

        /** Epochs follow the distributor's accepted one: the tests share it. */
        private long nextEpoch() throws Exception {
            return distributor(admin).epoch().send().longValueExact() + 1;
        }

        /** One epoch: funded from the reserve, its cumulative tree proposed, and accepted after the guardian's window. */
        private RewardTree publish(Map<String, BigInteger> cumulative, BigInteger funding) throws Exception {
            RewardTree tree = RewardTree.of(cumulative);
            long epoch = nextEpoch();
            lastEpoch = epoch;
            reserve(publisher).fundEpoch(BigInteger.valueOf(epoch), funding).send();
            distributor(publisher).proposeRoot(BigInteger.valueOf(epoch), tree.rootBytes()).send();
            chain.advanceTime(ROOT_DELAY);
            distributor(admin).acceptRoot().send();
            return tree;
        }

        private BigInteger claim(Credentials caller, RewardTree tree, String account) throws Exception {
            RewardTree.Leaf leaf = tree.leaf(account).orElseThrow();
            BigInteger before = balance(account);
            distributor(caller).claim(account, leaf.cumulative(), proof(leaf)).send();
            return balance(account).subtract(before);
        }

        private static List<byte[]> proof(RewardTree.Leaf leaf) {
            return leaf.proof().stream().map(Numeric::hexStringToByteArray).toList();
        }

        @Test
        void aClaimPaysTheDifferenceOnceAndOnlyTheLeafsAccountAndAmountProve() throws Exception {
            Credentials buyer = chain.newAccount(), provider = chain.newAccount(), sponsor = chain.newAccount();
            BigInteger heldBefore = balance(deployment.distributor());
            RewardTree first = publish(Map.of(buyer.getAddress(), cpt(100), provider.getAddress(), cpt(250)), cpt(350));

            assertThat(claim(sponsor, first, buyer.getAddress())).as("claimed on the buyer's behalf").isEqualTo(cpt(100));
            assertThat(claim(buyer, first, buyer.getAddress())).as("a second claim").isZero();
            RewardTree.Leaf providers = first.leaf(provider.getAddress()).orElseThrow();
            assertThatThrownBy(() -> distributor(buyer).claim(buyer.getAddress(), providers.cumulative(), proof(providers)).send())
                    .as("another account's proof").isInstanceOf(TransactionException.class);
            assertThatThrownBy(() -> distributor(provider).claim(provider.getAddress(), providers.cumulative().add(BigInteger.ONE),
                    proof(providers)).send()).as("another amount").isInstanceOf(TransactionException.class);

            RewardTree second = publish(Map.of(buyer.getAddress(), cpt(130), provider.getAddress(), cpt(250)), cpt(30));
            assertThat(claim(provider, second, provider.getAddress())).as("nothing lost by skipping an epoch").isEqualTo(cpt(250));
            assertThat(claim(buyer, second, buyer.getAddress())).as("only what the buyer earned since").isEqualTo(cpt(30));
            assertThat(balance(deployment.distributor())).as("funded 380, paid 380").isEqualTo(heldBefore);
        }

        @Test
        void aRootTheGuardianRevokedOrWhoseDelayHasNotPassedCannotBeClaimed() throws Exception {
            Credentials thief = chain.newAccount();
            RewardTree stolen = RewardTree.of(Map.of(thief.getAddress(), cpt(1_000_000)));
            long epoch = nextEpoch();
            distributor(publisher).proposeRoot(BigInteger.valueOf(epoch), stolen.rootBytes()).send();
            assertThatThrownBy(() -> distributor(thief).acceptRoot().send()).as("inside the guardian's window")
                    .isInstanceOf(TransactionException.class);
            RewardTree.Leaf leaf = stolen.leaf(thief.getAddress()).orElseThrow();
            assertThatThrownBy(() -> distributor(thief).claim(thief.getAddress(), leaf.cumulative(), proof(leaf)).send())
                    .isInstanceOf(TransactionException.class);
            assertThatThrownBy(() -> distributor(thief).revokeRoot().send()).as("only the guardian revokes").isInstanceOf(TransactionException.class);
            distributor(guardian).revokeRoot().send();
            chain.advanceTime(ROOT_DELAY);
            assertThatThrownBy(() -> distributor(thief).acceptRoot().send()).isInstanceOf(TransactionException.class);
            assertThatThrownBy(() -> distributor(thief).claim(thief.getAddress(), leaf.cumulative(), proof(leaf)).send())
                    .isInstanceOf(TransactionException.class);
            assertThat(balance(thief.getAddress())).isZero();
            assertThatThrownBy(() -> reserve(thief).fundEpoch(BigInteger.valueOf(epoch), cpt(1)).send()).as("only the publisher funds")
                    .isInstanceOf(TransactionException.class);
        }

        @Test
        void theDistributorNeverPaysMoreThanItHoldsAndTheReserveNeverMoreThanItsWeeklyCap() throws Exception {
            Credentials a = chain.newAccount(), b = chain.newAccount();
            BigInteger heldBefore = balance(deployment.distributor());
            RewardTree tree = publish(Map.of(a.getAddress(), cpt(60), b.getAddress(), cpt(60)), cpt(100));

            assertThat(claim(a, tree, a.getAddress())).isEqualTo(cpt(60));
            assertThatThrownBy(() -> claim(b, tree, b.getAddress())).as("more than is left").isInstanceOf(TransactionException.class);
            assertThat(balance(deployment.distributor())).isEqualTo(heldBefore.add(cpt(40)));
            assertThatThrownBy(() -> reserve(publisher).fundEpoch(BigInteger.valueOf(nextEpoch() + 100), WEEKLY_CAP.add(BigInteger.ONE)).send())
                    .isInstanceOf(TransactionException.class);
            assertThatThrownBy(() -> reserve(publisher).fundEpoch(BigInteger.valueOf(lastEpoch), cpt(1)).send()).as("an epoch funded twice")
                    .isInstanceOf(TransactionException.class);
        }

        @Test
        void aBatchOfClaimsSkipsABadProofAndPaysTheRest() throws Exception {
            List<Credentials> accounts = new ArrayList<>();
            Map<String, BigInteger> cumulative = new HashMap<>();
            for (int i = 0; i < 10; i++) {
                accounts.add(chain.newAccount());
                cumulative.put(accounts.get(i).getAddress(), cpt(10 + i));
            }
            RewardTree tree = publish(cumulative, cpt(10 * 10 + 45));
            List<String> who = new ArrayList<>();
            List<BigInteger> amounts = new ArrayList<>();
            List<List<byte[]>> proofs = new ArrayList<>();
            for (RewardTree.Leaf leaf : tree.leaves()) {
                who.add(leaf.account());
                amounts.add(leaf.account().equalsIgnoreCase(accounts.getFirst().getAddress()) ? leaf.cumulative().add(CPT) : leaf.cumulative());
                proofs.add(proof(leaf));
            }
            distributor(chain.newAccount()).claimMany(who, amounts, proofs).send();
            for (Credentials account : accounts) {
                BigInteger expected = account == accounts.getFirst() ? BigInteger.ZERO : cumulative.get(account.getAddress());
                assertThat(balance(account.getAddress())).isEqualTo(expected);
            }
        }

        @Test
        void aRandomSequenceOfEpochsAndClaimsNeverPaysMoreThanWasFunded() throws Exception {
            Random random = new Random(20261204);
            List<Credentials> accounts = new ArrayList<>();
            for (int i = 0; i < 6; i++) accounts.add(chain.newAccount());
            BigInteger funded = BigInteger.ZERO;
            BigInteger paid = BigInteger.ZERO;
            BigInteger heldBefore = balance(deployment.distributor());
            RewardTree tree = null;
            for (int step = 0; step < 12; step++) {
                if (tree == null || random.nextInt(3) == 0) {
                    for (Credentials account : accounts) {
                        if (random.nextBoolean()) earned.merge(account.getAddress(), cpt(1 + random.nextInt(50)), BigInteger::add);
                    }
                    BigInteger owedSoFar = earned.values().stream().reduce(BigInteger.ZERO, BigInteger::add).subtract(funded);
                    // Sometimes an epoch is funded short: claims must then stop at what the distributor holds.
                    BigInteger funding = random.nextInt(4) == 0 ? owedSoFar.divide(BigInteger.TWO) : owedSoFar;
                    funding = funding.max(BigInteger.ZERO);
                    tree = publish(Map.copyOf(earned), funding);
                    funded = funded.add(funding);
                }
                Credentials claimer = accounts.get(random.nextInt(accounts.size()));
                if (tree.leaf(claimer.getAddress()).isEmpty()) continue;
                try {
                    paid = paid.add(claim(accounts.get(random.nextInt(accounts.size())), tree, claimer.getAddress()));
                } catch (TransactionException shortOfFunds) {
                    // Refused whole: nothing was paid.
                }
                assertThat(paid).as("claimed <= funded").isLessThanOrEqualTo(funded);
                assertThat(balance(deployment.distributor())).as("it holds what was funded less what was claimed")
                        .isEqualTo(heldBefore.add(funded).subtract(paid));
            }
        }
    }

    private static BigInteger cpt(long whole) {
        return BigInteger.valueOf(whole).multiply(CPT);
    }
}
