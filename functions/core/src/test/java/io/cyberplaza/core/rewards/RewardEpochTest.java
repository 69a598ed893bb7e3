package io.cyberplaza.core.rewards;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RewardEpochTest {
    private static final BigInteger CPT = RewardRules.CPT;
    private static final long USDC = 1_000_000L;
    /** CPT at 0.05 USD; 100,000 CPT an epoch, all of it at 1,000 USDC of GMV. */
    private static final RewardRules RULES = RewardRules.whitepaper(50_000, cpt(100_000), 1_000 * USDC);
    private static final String BUYER = "0xB0000000000000000000000000000000000000B1";
    private static final String PROVIDER = "0x9000000000000000000000000000000000000091";

    private static BigInteger cpt(long whole) {
        return BigInteger.valueOf(whole).multiply(CPT);
    }

    @Test
    void buyersEarnOneOrThreePercentAndProvidersTwoOrFiveOfWhatStayedSpentInCptAtItsPrice() {
        RewardEpoch epoch = RewardEpoch.compute(1, List.of(
                new SettledSpend("o1", BUYER, PROVIDER, 100 * USDC, false),
                new SettledSpend("o2", BUYER, PROVIDER, 10 * USDC, true)), RULES, BigInteger.ZERO);

        // 1 % of 100 + 3 % of 10 = 1.30 USD = 26 CPT at 0.05; 2 % of 100 + 5 % of 10 = 2.50 USD = 50 CPT.
        assertThat(epoch.earned()).containsExactlyInAnyOrderEntriesOf(Map.of(BUYER.toLowerCase(), cpt(26), PROVIDER.toLowerCase(), cpt(50)));
        assertThat(epoch.buyers()).isEqualTo(cpt(26));
        assertThat(epoch.providers()).isEqualTo(cpt(50));
        assertThat(epoch.gmvMicroUsdc()).isEqualTo(110 * USDC);
    }

    @Test
    void couponPaidOrdersAndRefundsEarnNothingAndABuyerWhoIsAlsoAProviderEarnsBoth() {
        RewardEpoch epoch = RewardEpoch.compute(1, List.of(
                SettledSpend.couponPaid("o1", BUYER, PROVIDER),
                new SettledSpend("o2", BUYER, BUYER, 50 * USDC, false)), RULES, BigInteger.ZERO);

        assertThat(epoch.earned()).containsExactlyEntriesOf(Map.of(BUYER.toLowerCase(), cpt(10 + 20)));
        assertThat(epoch.gmvMicroUsdc()).isEqualTo(50 * USDC);
    }

    @Test
    void anEpochOverItsAllowanceScalesEveryoneAlikeAndRollsTheUndistributedOver() {
        // 1,000,000 USDC spent would earn 60,000 * 20 = 1,200,000 CPT; GMV is far over target, so the allowance is the base.
        RewardEpoch epoch = RewardEpoch.compute(1, List.of(new SettledSpend("o1", BUYER, PROVIDER, 1_000_000 * USDC, false)), RULES,
                BigInteger.ZERO);

        assertThat(epoch.allowance()).isEqualTo(cpt(100_000));
        assertThat(epoch.distributed()).isLessThanOrEqualTo(cpt(100_000)).isGreaterThan(cpt(99_999));
        assertThat(epoch.earned().get(PROVIDER.toLowerCase())).isEqualTo(epoch.earned().get(BUYER.toLowerCase()).multiply(BigInteger.TWO));
        assertThat(epoch.carryOut()).isEqualTo(cpt(100_000).subtract(epoch.distributed()));
    }

    @Test
    void aQuietEpochUnlocksLittleAndRollsTheRestOfItsBaseOver() {
        RewardEpoch quiet = RewardEpoch.compute(1, List.of(new SettledSpend("o1", BUYER, PROVIDER, 100 * USDC, false)), RULES, BigInteger.ZERO);

        assertThat(quiet.allowance()).as("a tenth of the target unlocks a tenth of the base").isEqualTo(cpt(10_000));
        assertThat(quiet.carryOut()).isEqualTo(cpt(100_000).subtract(quiet.distributed()));
        RewardEpoch next = RewardEpoch.compute(2, List.of(), RULES, quiet.carryOut());
        assertThat(next.distributed()).isZero();
        assertThat(next.carryOut()).isEqualTo(quiet.carryOut().add(cpt(100_000)));
    }

    @Test
    void overRandomEpochsNothingIsDistributedAheadOfTheScheduleAndTheBooksBalance() {
        Random random = new Random(42);
        BigInteger carry = BigInteger.ZERO;
        BigInteger distributed = BigInteger.ZERO;
        for (int n = 1; n <= 200; n++) {
            List<SettledSpend> settled = new ArrayList<>();
            for (int i = random.nextInt(30); i > 0; i--) {
                String buyer = "0xb" + random.nextInt(5);
                String provider = "0xf" + random.nextInt(3);
                settled.add(random.nextInt(8) == 0 ? SettledSpend.couponPaid("o" + i, buyer, provider)
                        : new SettledSpend("o" + i, buyer, provider, random.nextLong(1, 2_000 * USDC), random.nextBoolean()));
            }
            RewardEpoch epoch = RewardEpoch.compute(n, settled, RULES, carry);
            assertThat(RewardEpoch.compute(n, settled, RULES, carry)).as("an epoch run twice").isEqualTo(epoch);
            distributed = distributed.add(epoch.distributed());
            carry = epoch.carryOut();
            assertThat(distributed.add(carry)).as("distributed + carried = the schedule so far").isEqualTo(cpt(100_000).multiply(BigInteger.valueOf(n)));
        }
    }
}
