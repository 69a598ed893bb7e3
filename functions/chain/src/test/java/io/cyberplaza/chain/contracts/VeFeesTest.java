package io.cyberplaza.chain.contracts;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.rewards.CptDeployer;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.chain.ve.VeDeployer;
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

import static io.cyberplaza.chain.rewards.CptDeployer.CPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The week's fee split, the holders' USDC share and buyback-and-burn on a Hardhat node: every part
 * adds up to the fees, the claims to the holders' part, and each contract holds what it owes.
 */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VeFeesTest {
    private static final long WEEK = Duration.ofDays(7).toSeconds();
    private static final BigInteger USDC = BigInteger.valueOf(1_000_000);

    private LocalChain chain;
    private EscrowDeployer tx;
    private String snapshot;
    private Credentials admin, cptTreasury, treasury, splitterKey, stranger;
    private String cpt, usdc, operations, team, reserve;
    private VeDeployer.Deployment ve;

    @BeforeAll
    void deployToken(LocalChain chain) throws Exception {
        this.chain = chain;
        snapshot = chain.snapshot();
        tx = new EscrowDeployer(chain.web3j(), chain.chainId());
        admin = chain.newAccount();
        cptTreasury = chain.newAccount();
        treasury = chain.newAccount();
        splitterKey = chain.newAccount();
        stranger = chain.newAccount();
        cpt = new CptDeployer(chain.web3j(), chain.chainId()).deploy(admin, new CptDeployer.Holders(cptTreasury.getAddress(),
                chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(),
                chain.newAccount().getAddress()), new CptDeployer.Terms(Duration.ofHours(1), CPT)).token();
        usdc = TestUSDC.deploy(chain.web3j(), tx.transactionManager(admin), tx.gasProvider(), admin.getAddress()).send().getContractAddress();
    }

    /** Each test its own veCPT, distributor, splitter and destinations: the holders, weeks and balances are that test's. */
    @BeforeEach
    void deployVe() throws Exception {
        operations = chain.newAccount().getAddress();
        team = chain.newAccount().getAddress();
        reserve = chain.newAccount().getAddress();
        ve = new VeDeployer(chain.web3j(), chain.chainId()).deploy(admin, cpt, usdc, VeDeployer.WEEK,
                new VeDeployer.Accounts(admin.getAddress(), treasury.getAddress(), splitterKey.getAddress(), operations, team, reserve),
                VeDeployer.WHITEPAPER_RATES, new VeDeployer.Voting(Duration.ofHours(1), Duration.ofDays(1), 4));
    }

    @AfterAll
    void rewind() {
        chain.revert(snapshot);
    }

    @Test
    void theWeeksFeesSplitByTheWhitepaperAndTheHoldersClaimTheirPartProRataToPowerAtTheWeeksStart() throws Exception {
        List<Credentials> holders = new ArrayList<>();
        long[][] locks = {{1_000, 208}, {2_500, 52}, {777, 3}};
        for (long[] lock : locks) holders.add(lockedHolder(CPT.multiply(BigInteger.valueOf(lock[0])), lock[1]));
        toNextWeek();
        long week = currentWeek();
        Credentials late = lockedHolder(CPT.multiply(BigInteger.valueOf(5_000)), 10);

        BigInteger fees = BigInteger.valueOf(1_234_567_891L);
        usdc(admin).mint(treasury.getAddress(), fees).send();
        usdc(treasury).approve(ve.feeSplitter(), fees).send();
        TransactionReceipt split = splitter(splitterKey).split(BigInteger.valueOf(week), fees).send();
        FeeSplitter.FeesSplitEventResponse parts = FeeSplitter.getFeesSplitEvents(split).getFirst();
        assertThat(parts.holders).isEqualTo(fees.multiply(BigInteger.valueOf(3_000)).divide(BigInteger.valueOf(10_000)));
        assertThat(parts.buyback).isEqualTo(fees.multiply(BigInteger.valueOf(2_000)).divide(BigInteger.valueOf(10_000)));
        assertThat(parts.teamAndFoundation).isEqualTo(fees.multiply(BigInteger.valueOf(1_000)).divide(BigInteger.valueOf(10_000)));
        assertThat(parts.emergencyReserve).isEqualTo(fees.multiply(BigInteger.valueOf(500)).divide(BigInteger.valueOf(10_000)));
        assertThat(parts.holders.add(parts.buyback).add(parts.operations).add(parts.teamAndFoundation).add(parts.emergencyReserve))
                .as("the parts add up to the fees").isEqualTo(fees);
        assertThat(balance(ve.feeDistributor())).isEqualTo(parts.holders);
        assertThat(balance(ve.buybackBurner())).isEqualTo(parts.buyback);
        assertThat(balance(operations)).isEqualTo(parts.operations);
        assertThat(balance(team)).isEqualTo(parts.teamAndFoundation);
        assertThat(balance(reserve)).isEqualTo(parts.emergencyReserve);
        assertThat(balance(treasury.getAddress())).isZero();
        assertThat(balance(ve.feeSplitter())).as("the splitter keeps nothing").isZero();

        assertThatThrownBy(() -> splitter(splitterKey).split(BigInteger.valueOf(week), BigInteger.ONE).send()).as("a week splits once")
                .hasMessageContaining("revert");
        assertThatThrownBy(() -> splitter(stranger).split(BigInteger.valueOf(week + WEEK), BigInteger.ONE).send()).as("only the splitter key")
                .hasMessageContaining("revert");

        // A stranger adds to the week's fees: the holders share that too.
        BigInteger gift = USDC.multiply(BigInteger.TEN);
        usdc(admin).mint(stranger.getAddress(), gift).send();
        usdc(stranger).approve(ve.feeDistributor(), gift).send();
        distributor(stranger).depositFees(gift).send();
        BigInteger weekFees = parts.holders.add(gift);
        assertThat(distributor(admin).feesOfWeek(BigInteger.valueOf(week)).send()).isEqualTo(weekFees);
        assertThat(distributor(admin).claimable(holders.getFirst().getAddress()).send()).as("nothing before the week ends").isZero();

        toNextWeek();
        BigInteger total = ve(admin).totalSupplyAt(BigInteger.valueOf(week)).send();
        BigInteger sum = BigInteger.ZERO;
        for (Credentials holder : holders) {
            BigInteger expected = weekFees.multiply(ve(admin).balanceOfAt(holder.getAddress(), BigInteger.valueOf(week)).send()).divide(total);
            assertThat(expected).isPositive();
            BigInteger before = balance(holder.getAddress());
            // Anyone may claim for a holder; the USDC goes to the holder.
            distributor(stranger).claim(holder.getAddress()).send();
            assertThat(balance(holder.getAddress()).subtract(before)).isEqualTo(expected);
            sum = sum.add(expected);
            distributor(holder).claim(holder.getAddress()).send();
            assertThat(balance(holder.getAddress()).subtract(before)).as("a second claim pays nothing more").isEqualTo(expected);
        }
        BigInteger lateBefore = balance(late.getAddress());
        distributor(late).claim(late.getAddress()).send();
        assertThat(balance(late.getAddress())).as("a lock made after the week started earns none of it").isEqualTo(lateBefore);
        assertThat(sum).isLessThanOrEqualTo(weekFees);
        assertThat(weekFees.subtract(sum)).as("only rounding's dust is left").isLessThan(BigInteger.valueOf(holders.size()));
        assertThat(distributor(admin).claimed().send()).isEqualTo(sum);
        assertThat(balance(ve.feeDistributor())).as("the distributor holds what it owes")
                .isEqualTo(distributor(admin).deposited().send().subtract(distributor(admin).claimed().send()));
    }

    @Test
    void feesOfAWeekNobodyHeldVeCptRollIntoTheCurrentWeekAndNoOtherWeekCanRoll() throws Exception {
        long empty = currentWeek();
        BigInteger fees = USDC.multiply(BigInteger.valueOf(50));
        usdc(admin).mint(stranger.getAddress(), fees).send();
        usdc(stranger).approve(ve.feeDistributor(), fees).send();
        distributor(stranger).depositFees(fees).send();
        assertThatThrownBy(() -> distributor(stranger).rollOver(BigInteger.valueOf(empty)).send()).as("not before the week ends")
                .hasMessageContaining("revert");
        Credentials holder = lockedHolder(CPT.multiply(BigInteger.valueOf(1_000)), 8);
        toNextWeek();
        long held = currentWeek();
        distributor(stranger).rollOver(BigInteger.valueOf(empty)).send();
        assertThat(distributor(admin).feesOfWeek(BigInteger.valueOf(empty)).send()).isZero();
        assertThat(distributor(admin).feesOfWeek(BigInteger.valueOf(held)).send()).isEqualTo(fees);
        toNextWeek();
        assertThatThrownBy(() -> distributor(stranger).rollOver(BigInteger.valueOf(held)).send()).as("a week with holders stays theirs")
                .hasMessageContaining("revert");
        distributor(stranger).claim(holder.getAddress()).send();
        assertThat(balance(holder.getAddress())).as("the only holder gets all of it").isEqualTo(fees);
        assertThat(balance(ve.feeDistributor())).isZero();
    }

    /**
     * Any order of locks, increases, extensions, withdrawals, fee deposits, claims, roll-overs and time:
     * each holder is paid exactly the sum over the weeks of its rounded-down share, claims never exceed
     * the deposits, and the distributor always holds what it owes.
     */
    @Test
    void aRandomSequencePaysEachHolderExactlyItsWeeklySharesAndTheDistributorHoldsWhatItOwes() throws Exception {
        java.util.Random random = new java.util.Random(2212);
        List<Credentials> holders = new ArrayList<>();
        java.util.Map<String, BigInteger> received = new java.util.HashMap<>();
        for (int i = 0; i < 4; i++) {
            Credentials holder = chain.newAccount();
            token(cptTreasury).transfer(holder.getAddress(), CPT.multiply(BigInteger.valueOf(50_000))).send();
            token(holder).approve(ve.ve(), CPT.multiply(BigInteger.valueOf(50_000))).send();
            holders.add(holder);
            received.put(holder.getAddress(), BigInteger.ZERO);
        }
        usdc(admin).mint(stranger.getAddress(), USDC.multiply(BigInteger.valueOf(1_000_000))).send();
        usdc(stranger).approve(ve.feeDistributor(), USDC.multiply(BigInteger.valueOf(1_000_000))).send();
        long start = distributor(admin).startWeek().send().longValueExact();
        for (int step = 0; step < 80; step++) {
            Credentials holder = holders.get(random.nextInt(holders.size()));
            var lock = ve(admin).locks(holder.getAddress()).send();
            long now = chain.latestTimestamp();
            boolean has = lock.component1().signum() > 0;
            boolean active = has && lock.component2().longValueExact() > now;
            try {
                switch (random.nextInt(7)) {
                    case 0 -> {
                        if (!has) ve(holder).createLock(CPT.multiply(BigInteger.valueOf(100 + random.nextInt(5_000))), BigInteger.valueOf(1 + random.nextInt(12))).send();
                        else if (!active) ve(holder).withdraw().send();
                        else ve(holder).increaseAmount(CPT.multiply(BigInteger.valueOf(1 + random.nextInt(500)))).send();
                    }
                    case 1 -> {
                        if (active) ve(holder).extendLock(BigInteger.valueOf(1 + random.nextInt(20))).send();
                    }
                    case 2, 3 -> distributor(stranger).depositFees(BigInteger.valueOf(random.nextLong(500 * USDC.longValueExact()))).send();
                    case 4 -> {
                        BigInteger before = balance(holder.getAddress());
                        distributor(stranger).claim(holder.getAddress()).send();
                        received.merge(holder.getAddress(), balance(holder.getAddress()).subtract(before), BigInteger::add);
                    }
                    case 5 -> {
                        long weeks = (currentWeek() - start) / WEEK;
                        if (weeks > 0) distributor(stranger).rollOver(BigInteger.valueOf(start + random.nextLong(weeks) * WEEK)).send();
                    }
                    default -> chain.advanceTime(Duration.ofSeconds(1 + random.nextLong(2 * WEEK)));
                }
            } catch (Exception refused) {
                // A lock too short to extend, a week with holders or no fees to roll: refused, and nothing changed.
            }
            assertThat(balance(ve.feeDistributor())).as("step %d", step)
                    .isEqualTo(distributor(admin).deposited().send().subtract(distributor(admin).claimed().send()));
        }
        toNextWeek();
        for (Credentials holder : holders) {
            BigInteger before = balance(holder.getAddress());
            distributor(stranger).claim(holder.getAddress()).send();
            distributor(stranger).claim(holder.getAddress()).send();
            received.merge(holder.getAddress(), balance(holder.getAddress()).subtract(before), BigInteger::add);
        }
        long ended = currentWeek();
        BigInteger paid = BigInteger.ZERO;
        for (Credentials holder : holders) {
            BigInteger expected = BigInteger.ZERO;
            for (long week = start; week < ended; week += WEEK) {
                BigInteger fees = distributor(admin).feesOfWeek(BigInteger.valueOf(week)).send();
                BigInteger total = ve(admin).totalSupplyAt(BigInteger.valueOf(week)).send();
                if (fees.signum() == 0 || total.signum() == 0) continue;
                expected = expected.add(fees.multiply(ve(admin).balanceOfAt(holder.getAddress(), BigInteger.valueOf(week)).send()).divide(total));
            }
            assertThat(received.get(holder.getAddress())).as("what %s was paid", holder.getAddress()).isEqualTo(expected);
            paid = paid.add(expected);
        }
        assertThat(paid).isPositive();
        assertThat(distributor(admin).claimed().send()).isEqualTo(paid);
        assertThat(paid).isLessThanOrEqualTo(distributor(admin).deposited().send());
        assertThat(balance(ve.feeDistributor())).isEqualTo(distributor(admin).deposited().send().subtract(paid));
    }

    @Test
    void onlyGovernanceChangesTheRatesAndTheyMustAddUpToTheWhole() throws Exception {
        FeeSplitter.Rates halves = new FeeSplitter.Rates(BigInteger.valueOf(5_000), BigInteger.valueOf(5_000), BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO);
        assertThatThrownBy(() -> splitter(splitterKey).setRates(halves).send()).as("not the splitter key").hasMessageContaining("revert");
        FeeSplitter.Rates tooMuch = new FeeSplitter.Rates(BigInteger.valueOf(5_000), BigInteger.valueOf(5_001), BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO);
        assertThatThrownBy(() -> splitter(admin).setRates(tooMuch).send()).hasMessageContaining("revert");
        splitter(admin).setRates(halves).send();
        lockedHolder(CPT.multiply(BigInteger.valueOf(100)), 4);
        BigInteger fees = BigInteger.valueOf(1_001);
        usdc(admin).mint(treasury.getAddress(), fees).send();
        usdc(treasury).approve(ve.feeSplitter(), fees).send();
        TransactionReceipt split = splitter(splitterKey).split(BigInteger.valueOf(currentWeek()), fees).send();
        FeeSplitter.FeesSplitEventResponse parts = FeeSplitter.getFeesSplitEvents(split).getFirst();
        assertThat(parts.holders).isEqualTo(BigInteger.valueOf(500));
        assertThat(parts.buyback).isEqualTo(BigInteger.valueOf(500));
        assertThat(parts.operations).as("the rounding's remainder").isEqualTo(BigInteger.ONE);
    }

    @Test
    void theBuybackAccountsCptCanOnlyBeBurntAndItsUsdcMovesOnlyByGovernance() throws Exception {
        BigInteger cptBack = CPT.multiply(BigInteger.valueOf(321));
        token(cptTreasury).transfer(ve.buybackBurner(), cptBack).send();
        BigInteger supply = token(admin).totalSupply().send();
        BuybackBurner burner = BuybackBurner.load(ve.buybackBurner(), chain.web3j(), tx.transactionManager(stranger), tx.gasProvider());
        TransactionReceipt burnt = burner.burn().send();
        assertThat(BuybackBurner.getBurntEvents(burnt).getFirst().amount).isEqualTo(cptBack);
        assertThat(token(admin).totalSupply().send()).isEqualTo(supply.subtract(cptBack));
        assertThat(token(admin).balanceOf(ve.buybackBurner()).send()).isZero();
        assertThat(burner.burnt().send()).isEqualTo(cptBack);

        usdc(admin).mint(ve.buybackBurner(), USDC).send();
        assertThatThrownBy(() -> burner.handForBuyback(stranger.getAddress(), USDC).send()).hasMessageContaining("revert");
        String buyer = chain.newAccount().getAddress();
        BuybackBurner.load(ve.buybackBurner(), chain.web3j(), tx.transactionManager(admin), tx.gasProvider()).handForBuyback(buyer, USDC).send();
        assertThat(balance(ve.buybackBurner())).isZero();
        assertThat(balance(buyer)).isEqualTo(USDC);
    }

    private Credentials lockedHolder(BigInteger amount, long weeks) throws Exception {
        Credentials holder = chain.newAccount();
        token(cptTreasury).transfer(holder.getAddress(), amount).send();
        token(holder).approve(ve.ve(), amount).send();
        ve(holder).createLock(amount, BigInteger.valueOf(weeks)).send();
        return holder;
    }

    private long currentWeek() {
        return chain.latestTimestamp() / WEEK * WEEK;
    }

    /** An hour into the next week. */
    private void toNextWeek() {
        long now = chain.latestTimestamp();
        chain.advanceTime(Duration.ofSeconds((now / WEEK + 1) * WEEK + 3_600 - now));
    }

    private BigInteger balance(String account) throws Exception {
        return usdc(admin).balanceOf(account).send();
    }

    private TestUSDC usdc(Credentials who) {
        return TestUSDC.load(usdc, chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private CyberPlazaToken token(Credentials who) {
        return CyberPlazaToken.load(cpt, chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private VoteEscrowedCpt ve(Credentials who) {
        return VoteEscrowedCpt.load(ve.ve(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private VeFeeDistributor distributor(Credentials who) {
        return VeFeeDistributor.load(ve.feeDistributor(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private FeeSplitter splitter(Credentials who) {
        return FeeSplitter.load(ve.feeSplitter(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }
}
