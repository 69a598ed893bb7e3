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
