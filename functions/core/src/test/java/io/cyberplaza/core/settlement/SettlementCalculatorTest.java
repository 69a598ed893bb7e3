package io.cyberplaza.core.settlement;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.order.Usage;
import io.cyberplaza.core.order.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettlementCalculatorTest {
    private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");
    private static final long PRICE = 10_000_000L; // 10 USDC per hour
    private static final long ESCROW = 12_000_000L; // one hour plus 20 %

    private static OrderTerms terms(FeeTier tier) {
        return new OrderTerms("offer", "0x00000000000000000000000000000000000000b2", "local-process", PRICE, 1, 3_600,
                tier.feeBps(), tier.disputeWindow().toSeconds());
    }

    private static Order ended(FeeTier tier, long deposited, Usage usage) {
        Order quoted = Order.quoted("0x" + "ab".repeat(32), "0x00000000000000000000000000000000000000a1", terms(tier),
                new Workload("prime-sieve", Map.of()), ESCROW, START, START.plusSeconds(1_800));
        return quoted.withDeposited(deposited, START).withUsage(usage, START);
    }

    private static Usage ran(long seconds, long lost, EndReason reason) {
        return new Usage(START, START.plusSeconds(seconds), seconds, lost, reason);
    }

    private static void assertConserves(Settlement s) {
        assertThat(s.providerAmount() + s.fee() + s.refund()).isEqualTo(s.deposit());
    }

    @Test
    void halfAnHourOfAnHourIsBilledAndTheRestRefunded() {
        Settlement s = SettlementCalculator.split(ended(FeeTier.BASIC, ESCROW, ran(1_800, 0, EndReason.USER_COMPLETED)), START);
        assertThat(s.fee()).isEqualTo(250_000L);             // 5 % of 5 USDC
        assertThat(s.providerAmount()).isEqualTo(4_750_000L);
        assertThat(s.refund()).isEqualTo(7_000_000L);        // unused time and the unused contingency
        assertThat(s.releaseAt()).isEqualTo(START.plusSeconds(1_800).getEpochSecond() + 72 * 3_600);
        assertConserves(s);
    }

    @ParameterizedTest
    @EnumSource(FeeTier.class)
    void theFeeFollowsTheProvidersTier(FeeTier tier) {
        Settlement s = SettlementCalculator.split(ended(tier, ESCROW, ran(3_600, 0, EndReason.TIME_UP)), START);
        assertThat(s.fee()).isEqualTo(10_000_000L * tier.feeBps() / 10_000);
        assertThat(s.fee()).isBetween(200_000L, 500_000L);
        assertThat(s.releaseAt() - START.plusSeconds(3_600).getEpochSecond()).isEqualTo(tier.disputeWindow().toSeconds());
        assertConserves(s);
    }

    @Test
    void aVeCptDiscountComesOffThePlatformsFeeAndBackToTheBuyerWhileTheProviderIsPaidTheSame() {
        Order plain = ended(FeeTier.BASIC, ESCROW, ran(1_800, 0, EndReason.USER_COMPLETED));
        Order discounted = Order.quoted(plain.orderId(), plain.owner(), plain.terms().withFeeDiscount(1_500), plain.workload(), ESCROW, START,
                START.plusSeconds(1_800)).withDeposited(ESCROW, START).withUsage(plain.usage(), START);
        Settlement without = SettlementCalculator.split(plain, START);
        Settlement with = SettlementCalculator.split(discounted, START);
        assertThat(with.providerAmount()).isEqualTo(without.providerAmount());
        assertThat(with.fee()).isEqualTo(212_500L);          // 250,000 less 15 %
        assertThat(with.refund()).isEqualTo(without.refund() + 37_500L);
        assertConserves(with);
    }

    @Test
    void anyDiscountOnAnyOrderConservesTheDepositAndNeverChangesTheProvidersPayout() {
        java.util.Random random = new java.util.Random(22);
        for (int i = 0; i < 2_000; i++) {
            FeeTier tier = FeeTier.values()[random.nextInt(FeeTier.values().length)];
            long deposited = 1 + random.nextLong(ESCROW * 3);
            long seconds = 1 + random.nextLong(5_000);
            Usage usage = ran(seconds, random.nextLong(Math.min(seconds, 600)), EndReason.values()[random.nextInt(EndReason.values().length)]);
            Order plain = ended(tier, deposited, usage);
            int discountBps = random.nextInt(4) == 0 ? 10_000 : random.nextInt(10_001);
            Order discounted = Order.quoted(plain.orderId(), plain.owner(), plain.terms().withFeeDiscount(discountBps), plain.workload(), ESCROW,
                    START, START.plusSeconds(1_800)).withDeposited(deposited, START).withUsage(usage, START);
            Settlement without = SettlementCalculator.split(plain, START);
            Settlement with = SettlementCalculator.split(discounted, START);
            assertConserves(with);
            assertThat(with.providerAmount()).isEqualTo(without.providerAmount());
            assertThat(with.fee()).isBetween(0L, without.fee());
            assertThat(with.refund() - without.refund()).isEqualTo(without.fee() - with.fee());
        }
    }

    @Test
    void timeBeyondThePurchasedHourIsNeverBilled() {
        Settlement s = SettlementCalculator.split(ended(FeeTier.BASIC, ESCROW, ran(4_000, 0, EndReason.TIME_UP)), START);
        assertThat(s.providerAmount() + s.fee()).isEqualTo(PRICE);
        assertThat(s.refund()).isEqualTo(2_000_000L);
    }

    @Test
    void aFailureWithinFiveMinutesOfStartIsRefundedInFull() {
        Settlement s = SettlementCalculator.split(ended(FeeTier.BASIC, ESCROW, ran(299, 0, EndReason.RESOURCE_FAILED)), START);
        assertThat(s.refund()).isEqualTo(ESCROW);
        assertThat(s.providerAmount()).isZero();
        assertThat(s.fee()).isZero();
    }

    @Test
    void aFailureAfterTheGracePeriodBillsTheTimeUsed() {
        Settlement s = SettlementCalculator.split(ended(FeeTier.BASIC, ESCROW, ran(300, 0, EndReason.RESOURCE_FAILED)), START);
        assertThat(s.providerAmount() + s.fee()).isEqualTo(833_333L); // 300 s at 10 USDC/h, rounded down
        assertConserves(s);
    }

    @Test
    void timeLostToAPartialFailureIsRefundedProRata() {
        Settlement full = SettlementCalculator.split(ended(FeeTier.BASIC, ESCROW, ran(3_600, 0, EndReason.TIME_UP)), START);
        Settlement degraded = SettlementCalculator.split(ended(FeeTier.BASIC, ESCROW, ran(3_600, 900, EndReason.TIME_UP)), START);
        assertThat(degraded.refund() - full.refund()).isEqualTo(2_500_000L); // 15 minutes of 10 USDC/h
        assertConserves(degraded);
    }

    @Test
    void nothingRanSoEverythingIsRefundedAndNothingIsHeld() {
        Settlement s = SettlementCalculator.split(ended(FeeTier.BASIC, 5_000_000L, Usage.neverStarted(START)), START);
        assertThat(s.refund()).isEqualTo(5_000_000L);
        assertThat(s.providerAmount()).isZero();
        assertThat(s.releaseAt()).isEqualTo(START.getEpochSecond());
    }

    @Test
    void anUnderfundedRunNeverCostsMoreThanTheDeposit() {
        // Topped up to less than the escrow amount, then ran past what the deposit covers.
        Settlement s = SettlementCalculator.split(ended(FeeTier.BASIC, 3_000_000L, ran(3_600, 0, EndReason.ESCROW_EXHAUSTED)), START);
        assertThat(s.providerAmount() + s.fee()).isEqualTo(3_000_000L);
        assertThat(s.refund()).isZero();
        assertConserves(s);
    }

    @Test
    void anOverpaymentIsRefunded() {
        Settlement s = SettlementCalculator.split(ended(FeeTier.BASIC, 50_000_000L, ran(3_600, 0, EndReason.TIME_UP)), START);
        assertThat(s.refund()).isEqualTo(40_000_000L);
        assertConserves(s);
    }
}
