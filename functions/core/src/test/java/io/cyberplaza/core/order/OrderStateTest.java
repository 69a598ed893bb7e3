package io.cyberplaza.core.order;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderStateTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void followsTheDesignedLifecycle() {
        assertThat(OrderState.QUOTED.canMoveTo(OrderState.FUNDED)).isTrue();
        assertThat(OrderState.QUOTED.canMoveTo(OrderState.EXPIRED)).isTrue();
        assertThat(OrderState.QUOTED.canMoveTo(OrderState.SETTLED)).isFalse();
        assertThat(OrderState.SETTLING.canMoveTo(OrderState.SETTLED)).isTrue();
        assertThat(OrderState.SETTLED.canMoveTo(OrderState.FUNDED)).isFalse();
        assertThat(OrderState.EXPIRED.canMoveTo(OrderState.FUNDED)).as("a late deposit is refunded, never used").isFalse();
        assertThat(OrderState.RESOLVED.isTerminal()).isTrue();
    }

    @Test
    void anOrderRefusesAForbiddenMoveAndCountsVersions() {
        Order order = Order.quoted("0x01", "0xa1", io.cyberplaza.core.contract.OrderRepositoryContract.TERMS,
                io.cyberplaza.core.contract.OrderRepositoryContract.WORKLOAD, 1_000_000L, NOW, NOW.plusSeconds(60));
        assertThatThrownBy(() -> order.moveTo(OrderState.RUNNING, NOW)).isInstanceOf(IllegalStateException.class);
        Order funded = order.moveTo(OrderState.FUNDED, NOW);
        assertThat(funded.version()).isEqualTo(order.version() + 1);
        assertThat(funded.state()).isEqualTo(OrderState.FUNDED);
    }

    @Test
    void onceASettlementMayExistNoMoveLeadsToAStateSaidNotToHaveOne() {
        assertThat(OrderState.SETTLING.mayHaveSettlement()).as("settlements are made for SETTLING orders").isTrue();
        for (OrderState from : OrderState.values()) {
            if (!from.mayHaveSettlement()) continue;
            for (OrderState to : OrderState.values()) {
                if (from.canMoveTo(to)) assertThat(to.mayHaveSettlement()).as(from + " -> " + to).isTrue();
            }
        }
    }
}
