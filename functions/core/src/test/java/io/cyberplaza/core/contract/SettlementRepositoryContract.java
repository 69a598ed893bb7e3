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

    @Test
    void confirmedSplitsAreFoundByTheWindowTheirPayoutIsReleasedIn() {
        SettlementRepository settlements = repository();
        // A window of its own, far from any other test's releases.
        long from = 3_000_000_000L + java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000_000L);
        Settlement atStart = confirmedReleasedAt(settlements, from);
        Settlement inside = confirmedReleasedAt(settlements, from + 500);
        Settlement atEnd = confirmedReleasedAt(settlements, from + 1_000);
        Settlement before = confirmedReleasedAt(settlements, from - 1);
        Settlement unconfirmed = new Settlement(OrderRepositoryContract.randomOrderId(), "0x00000000000000000000000000000000000000a1",
                "0x00000000000000000000000000000000000000b2", 10L, 8L, 1L, 1L, from + 10, SettlementStatus.SUBMITTED, "settle:x", 0);
        settlements.create(unconfirmed);

        assertThat(settlements.findConfirmedReleasedBetween(from, from + 1_000)).containsExactlyInAnyOrder(atStart, inside);
        assertThat(settlements.findConfirmedReleasedBetween(from + 1_000, from + 1_001)).containsExactly(atEnd);
        assertThat(settlements.findConfirmedReleasedBetween(from - 1, from)).containsExactly(before);
        assertThat(settlements.findConfirmedReleasedBetween(from, from)).isEmpty();
    }

    private static Settlement confirmedReleasedAt(SettlementRepository settlements, long releaseAt) {
        Settlement computed = new Settlement(OrderRepositoryContract.randomOrderId(), "0x00000000000000000000000000000000000000a1",
                "0x00000000000000000000000000000000000000b2", 10_000_000L, 9_000_000L, 500_000L, 500_000L, releaseAt,
                SettlementStatus.COMPUTED, null, 0);
        settlements.create(computed);
        Settlement confirmed = computed.submitted("settle:" + computed.orderId()).confirmed();
        settlements.replace(computed, computed.submitted("settle:" + computed.orderId()));
        settlements.replace(computed.submitted("settle:" + computed.orderId()), confirmed);
        return settlements.find(computed.orderId()).orElseThrow();
    }
}
