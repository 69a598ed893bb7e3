package io.cyberplaza.core.settlement;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettlementTest {

    @Test
    void aSplitThatDoesNotAddUpToTheDepositCannotExist() {
        assertThatThrownBy(() -> new Settlement("0x01", "0xa1", "0xb2", 10_000_000L, 9_000_000L, 200_000L, 799_999L,
                0, SettlementStatus.COMPUTED, null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conserve");
        assertThatThrownBy(() -> new Settlement("0x01", "0xa1", "0xb2", 10_000_000L, 10_500_000L, 0, -500_000L,
                0, SettlementStatus.COMPUTED, null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
