package io.cyberplaza.core.contract;

import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.store.ConditionFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class SettlementRepositoryContract {

    protected abstract SettlementRepository repository();

    @Test
    void aSplitIsFixedOnceAndMovesForwardConditionally() {
        SettlementRepository settlements = repository();
        String orderId = OrderRepositoryContract.randomOrderId();
        Settlement computed = new Settlement(orderId, "0x00000000000000000000000000000000000000a1", "0x00000000000000000000000000000000000000b2",
                12_000_000L, 9_506_000L, 194_000L, 2_300_000L, 1_800_000_000L, SettlementStatus.COMPUTED, null, 0);
        settlements.create(computed);
        assertThatThrownBy(() -> settlements.create(computed)).isInstanceOf(ConditionFailedException.class);

        Settlement submitted = computed.submitted("settle:batch-1");
        assertThat(settlements.replace(computed, submitted)).isTrue();
        assertThat(settlements.replace(computed, computed.submitted("settle:batch-2"))).isFalse();
        assertThat(settlements.find(orderId)).contains(submitted);
        assertThat(settlements.findByStatus(SettlementStatus.SUBMITTED)).contains(submitted);
        assertThat(settlements.findByStatus(SettlementStatus.COMPUTED)).doesNotContain(computed);
    }

    @Test
    void aProvidersSplitsAreFoundByItsAddressAndAFullRefundNamesNoOne() {
        SettlementRepository settlements = repository();
        String provider = "0x" + OrderRepositoryContract.randomOrderId().replaceAll("[^0-9a-f]", "").substring(0, 8) + "0".repeat(32);
        Settlement paid = new Settlement(OrderRepositoryContract.randomOrderId(), "0x00000000000000000000000000000000000000a1", provider,
                12_000_000L, 9_506_000L, 194_000L, 2_300_000L, 1_800_000_000L, SettlementStatus.COMPUTED, null, 0);
        Settlement refunded = new Settlement(OrderRepositoryContract.randomOrderId(), "0x00000000000000000000000000000000000000a1", null,
                5_000_000L, 0, 0, 5_000_000L, 0, SettlementStatus.COMPUTED, null, 0);
        settlements.create(paid);
        settlements.create(refunded);
        assertThat(settlements.findByProvider(provider)).containsExactly(paid);
        Settlement confirmed = paid.confirmed();
        assertThat(settlements.replace(paid, confirmed)).isTrue();
        assertThat(settlements.findByProvider(provider)).containsExactly(confirmed);
    }
}
