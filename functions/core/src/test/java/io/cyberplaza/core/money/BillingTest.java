package io.cyberplaza.core.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BillingTest {

    @Test
    void billsBySecondAndRoundsDown() {
        // 10 USDC/hour for 1 second is 2777.77... micro-USDC: the user pays 2777.
        assertThat(Billing.cost(10_000_000L, 1, 1)).isEqualTo(2_777L);
        assertThat(Billing.cost(10_000_000L, 1, 3_600)).isEqualTo(10_000_000L);
        assertThat(Billing.cost(10_000_000L, 3, 1_800)).isEqualTo(15_000_000L);
        assertThat(Billing.cost(10_000_000L, 1, 0)).isZero();
    }

    @Test
    void theFeeRoundsDownInTheUsersFavour() {
        assertThat(Billing.fee(9_999L, 500)).isEqualTo(499L); // 499.95
        assertThat(Billing.fee(10_000_000L, 200)).isEqualTo(200_000L);
        assertThat(Billing.fee(19L, 500)).isZero();
    }

    @Test
    void largeValuesNeitherOverflowNorLosePrecision() {
        // A year of 1,000 units at 1,000,000 USDC/hour: the intermediate product exceeds a long.
        long seconds = 365L * 24 * 3_600;
        assertThat(Billing.cost(1_000_000_000_000L, 1, seconds)).isEqualTo(1_000_000_000_000L * 24 * 365);
        assertThatThrownBy(() -> Billing.cost(1_000_000_000_000L, 1_000_000, seconds)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void secondsAffordableIsTheInverseOfCostRoundedDown() {
        assertThat(Billing.secondsAffordable(10_000_000L, 10_000_000L, 1)).isEqualTo(3_600);
        assertThat(Billing.secondsAffordable(2_777L, 10_000_000L, 1)).isZero(); // 0.99972 s
        assertThat(Billing.secondsAffordable(2_778L, 10_000_000L, 1)).isEqualTo(1);
    }

    @Test
    void rejectsNegativeInputAndFormatsAmounts() {
        assertThatThrownBy(() -> Billing.cost(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Billing.fee(1, 10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Billing.format(12_500_000L)).isEqualTo("12.500000");
        assertThat(Billing.format(-7L)).isEqualTo("-0.000007");
    }
}
