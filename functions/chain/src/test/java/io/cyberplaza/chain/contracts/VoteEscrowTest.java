package io.cyberplaza.chain.contracts;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.rewards.CptDeployer;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.cyberplaza.chain.rewards.CptDeployer.CPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** veCPT on a Hardhat node: power by lock length over time, the total as the sum of balances, and the lock's rules. */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VoteEscrowTest {
    private static final long WEEK = Duration.ofDays(7).toSeconds();
    private static final long MAX_LOCK = 208 * WEEK;

    private LocalChain chain;
    private EscrowDeployer tx;
    private String snapshot;
    private Credentials admin, treasury;
    private CptDeployer.Deployment cpt;
    private String ve;

    @BeforeAll
    void deploy(LocalChain chain) throws Exception {
        this.chain = chain;
        snapshot = chain.snapshot();
        tx = new EscrowDeployer(chain.web3j(), chain.chainId());
        admin = chain.newAccount();
        treasury = chain.newAccount();
        cpt = new CptDeployer(chain.web3j(), chain.chainId()).deploy(admin, new CptDeployer.Holders(treasury.getAddress(),
                chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(),
                chain.newAccount().getAddress()), new CptDeployer.Terms(Duration.ofHours(1), CPT));
    }

    /** Each test its own escrow: the total is the sum of that test's holders. */
    @BeforeEach
    void deployEscrow() throws Exception {
        ve = VoteEscrowedCpt.deploy(chain.web3j(), tx.transactionManager(admin), tx.gasProvider(), cpt.token(), admin.getAddress(), BigInteger.valueOf(WEEK)).send()
                .getContractAddress();
    }

    @AfterAll
    void rewind() {
        chain.revert(snapshot);
    }

    private VoteEscrowedCpt ve(Credentials who) {
        return VoteEscrowedCpt.load(ve, chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private Credentials holder(BigInteger cptAmount) throws Exception {
        Credentials holder = chain.newAccount();
        CyberPlazaToken.load(cpt.token(), chain.web3j(), tx.transactionManager(treasury), tx.gasProvider()).transfer(holder.getAddress(), cptAmount).send();
        CyberPlazaToken.load(cpt.token(), chain.web3j(), tx.transactionManager(holder), tx.gasProvider()).approve(ve, cptAmount).send();
        return holder;
    }

    private static BigInteger slope(BigInteger locked) {
        return locked.multiply(BigInteger.valueOf(5)).divide(BigInteger.valueOf(2 * MAX_LOCK));
    }

    private static BigInteger powerAt(BigInteger locked, long end, long t) {
        return t >= end ? BigInteger.ZERO : slope(locked).multiply(BigInteger.valueOf(end - t));
    }

    @Test
    void powerIsTwoAndAHalfTimesTheLockScaledByTimeLeftAtLockMidwayAndUnlockForEveryLength() throws Exception {
        BigInteger amount = CPT.multiply(BigInteger.valueOf(10_000));
        List<long[]> locks = new ArrayList<>();
        List<Credentials> holders = new ArrayList<>();
        for (long weeks : new long[]{1, 4, 13, 26, 52, 104, 208}) {
            Credentials holder = holder(amount);
            TransactionReceipt receipt = ve(holder).createLock(amount, BigInteger.valueOf(weeks)).send();
            long now = chain.latestTimestamp();
            long end = ve(admin).locks(holder.getAddress()).send().component2().longValueExact();
            assertThat(end).isEqualTo(now / WEEK * WEEK + weeks * WEEK);
            assertThat(ve(admin).balanceOf(holder.getAddress()).send()).as("%d weeks at the lock", weeks).isEqualTo(powerAt(amount, end, now));
            locks.add(new long[]{weeks, end});
            holders.add(holder);
            if (weeks == 208) {
                // Four years from a week's start: 2.5× the lock, less the part of this week already gone.
                assertThat(powerAt(amount, now / WEEK * WEEK + MAX_LOCK, now / WEEK * WEEK))
                        .isEqualTo(slope(amount).multiply(BigInteger.valueOf(MAX_LOCK)));
            }
        }
        for (int i = 0; i < locks.size(); i++) {
            long end = locks.get(i)[1];
            long now = chain.latestTimestamp();
            long midway = now + (end - now) / 2;
            assertThat(ve(admin).balanceOfAt(holders.get(i).getAddress(), BigInteger.valueOf(now)).send()).isEqualTo(powerAt(amount, end, now));
        }
        // Move to each lock's midway and end in time order, checking every lock each time.
        long last = locks.getLast()[1];
        for (long at : new long[]{locks.get(0)[1], locks.get(2)[1] - 6 * WEEK, locks.get(4)[1], locks.get(5)[1] - 52 * WEEK, last - 1, last}) {
            long now = chain.latestTimestamp();
            if (at > now) chain.advanceTime(Duration.ofSeconds(at - now));
            long t = chain.latestTimestamp();
            BigInteger sum = BigInteger.ZERO;
            for (int i = 0; i < locks.size(); i++) {
                BigInteger power = ve(admin).balanceOf(holders.get(i).getAddress()).send();
                assertThat(power).as("%d-week lock at %d", locks.get(i)[0], t).isEqualTo(powerAt(amount, locks.get(i)[1], t));
                sum = sum.add(power);
            }
            assertThat(ve(admin).totalSupply().send()).as("the total is the sum").isEqualTo(sum);
        }
        assertThat(ve(admin).totalSupply().send()).as("every lock has ended").isZero();
    }

    @Test
    void aLockIsAtLeastTheMinimumOneToTwoHundredEightWeeksAndWithdrawnOnlyAfterItEnds() throws Exception {
        Credentials holder = holder(CPT.multiply(BigInteger.valueOf(1_000)));
        assertThatThrownBy(() -> ve(holder).createLock(CPT.multiply(BigInteger.valueOf(99)), BigInteger.ONE).send()).hasMessageContaining("revert");
        assertThatThrownBy(() -> ve(holder).createLock(CPT.multiply(BigInteger.valueOf(100)), BigInteger.ZERO).send()).hasMessageContaining("revert");
        assertThatThrownBy(() -> ve(holder).createLock(CPT.multiply(BigInteger.valueOf(100)), BigInteger.valueOf(209)).send())
                .hasMessageContaining("revert");
        ve(holder).createLock(CPT.multiply(BigInteger.valueOf(100)), BigInteger.valueOf(2)).send();
        assertThatThrownBy(() -> ve(holder).createLock(CPT.multiply(BigInteger.valueOf(100)), BigInteger.valueOf(2)).send()).hasMessageContaining("revert");
        TransactionReceipt increased = ve(holder).increaseAmount(CPT.multiply(BigInteger.valueOf(50))).send();
        TransactionReceipt extended = ve(holder).extendLock(BigInteger.valueOf(10)).send();
        assertThat(increased.isStatusOK() && extended.isStatusOK()).isTrue();
        var lock = ve(admin).locks(holder.getAddress()).send();
        assertThat(lock.component1()).isEqualTo(CPT.multiply(BigInteger.valueOf(150)));
        long now = chain.latestTimestamp();
        assertThat(lock.component2().longValueExact()).as("extended from this week's start").isEqualTo(now / WEEK * WEEK + 10 * WEEK);
        assertThat(ve(admin).balanceOf(holder.getAddress()).send()).as("the increased amount over the extended time")
                .isEqualTo(powerAt(CPT.multiply(BigInteger.valueOf(150)), lock.component2().longValueExact(), now));
        assertThatThrownBy(() -> ve(holder).extendLock(BigInteger.valueOf(5)).send()).as("never shorter").hasMessageContaining("revert");
        assertThatThrownBy(() -> ve(holder).withdraw().send()).as("before its end").hasMessageContaining("revert");
        chain.advanceTime(Duration.ofSeconds(lock.component2().longValueExact() - chain.latestTimestamp()));
        BigInteger before = CyberPlazaToken.load(cpt.token(), chain.web3j(), tx.transactionManager(admin), tx.gasProvider())
                .balanceOf(holder.getAddress()).send();
        ve(holder).withdraw().send();
        assertThat(CyberPlazaToken.load(cpt.token(), chain.web3j(), tx.transactionManager(admin), tx.gasProvider()).balanceOf(holder.getAddress())
                .send().subtract(before)).isEqualTo(CPT.multiply(BigInteger.valueOf(150)));
        assertThat(ve(admin).balanceOf(holder.getAddress()).send()).isZero();
    }

    @Test
    void aRandomSequenceOfLocksIncreasesExtensionsAndWithdrawalsKeepsTheTotalTheSumOfBalancesNowAndInThePast() throws Exception {
        Random random = new Random(22);
        List<Credentials> holders = new ArrayList<>();
        for (int i = 0; i < 5; i++) holders.add(holder(CPT.multiply(BigInteger.valueOf(100_000))));
        List<Long> past = new ArrayList<>();
        for (int step = 0; step < 60; step++) {
            Credentials holder = holders.get(random.nextInt(holders.size()));
            var lock = ve(admin).locks(holder.getAddress()).send();
            long now = chain.latestTimestamp();
            boolean has = lock.component1().signum() > 0;
            boolean active = has && lock.component2().longValueExact() > now;
            try {
                if (!has) ve(holder).createLock(CPT.multiply(BigInteger.valueOf(100 + random.nextInt(5_000))), BigInteger.valueOf(1 + random.nextInt(60))).send();
                else if (!active) ve(holder).withdraw().send();
                else if (random.nextBoolean()) ve(holder).increaseAmount(CPT.multiply(BigInteger.valueOf(1 + random.nextInt(1_000)))).send();
                else ve(holder).extendLock(BigInteger.valueOf(1 + random.nextInt(80))).send();
            } catch (Exception refused) {
                // An extension not longer than the lock: refused, and nothing changed.
            }
            past.add(chain.latestTimestamp());
            chain.advanceTime(Duration.ofSeconds(1 + random.nextLong(3 * WEEK)));
            BigInteger sum = BigInteger.ZERO;
            for (Credentials h : holders) sum = sum.add(ve(admin).balanceOf(h.getAddress()).send());
            assertThat(ve(admin).totalSupply().send()).as("step %d", step).isEqualTo(sum);
        }
        for (long t : past) {
            BigInteger sum = BigInteger.ZERO;
            for (Credentials h : holders) sum = sum.add(ve(admin).getPastVotes(h.getAddress(), BigInteger.valueOf(t)).send());
            assertThat(ve(admin).getPastTotalSupply(BigInteger.valueOf(t)).send()).as("at %d", t).isEqualTo(sum);
        }
        BigInteger locked = BigInteger.ZERO;
        for (Credentials h : holders) locked = locked.add(ve(admin).locks(h.getAddress()).send().component1());
        assertThat(ve(admin).totalLocked().send()).isEqualTo(locked);
        assertThat(CyberPlazaToken.load(cpt.token(), chain.web3j(), tx.transactionManager(admin), tx.gasProvider()).balanceOf(ve).send())
                .as("the escrow holds what it owes").isEqualTo(locked);
    }
}
