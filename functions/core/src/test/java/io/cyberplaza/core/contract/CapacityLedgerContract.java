package io.cyberplaza.core.contract;

import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.capacity.CapacityLedger.Outcome;
import io.cyberplaza.core.capacity.CapacityWindow;
import io.cyberplaza.core.store.ConditionFailedException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public abstract class CapacityLedgerContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final long HOUR = 3_600;

    protected abstract CapacityLedger ledger();

    private static String offer() {
        return "off-" + UUID.randomUUID().toString().substring(0, 12);
    }

    @Test
    void anOfferWithoutWindowsIsUnlimitedAndOneWithWindowsSellsOnlyInThem() {
        CapacityLedger ledger = ledger();
        String offer = offer();
        assertThat(ledger.reserve(offer, "o1", NOW, HOUR)).isEqualTo(Outcome.UNLIMITED);
        ledger.define(offer, List.of(CapacityWindow.offered(NOW, NOW.plus(Duration.ofDays(1)), 10 * HOUR)));
        assertThat(ledger.reserve(offer, "o2", NOW.minusSeconds(1), HOUR)).isEqualTo(Outcome.NO_WINDOW);
        assertThat(ledger.reserve(offer, "o2", NOW.plusSeconds(60), 4 * HOUR)).isEqualTo(Outcome.RESERVED);
        assertThat(ledger.reserve(offer, "o2", NOW.plusSeconds(60), 4 * HOUR)).as("once per order").isEqualTo(Outcome.ALREADY_RESERVED);
        assertThat(ledger.reserve(offer, "o3", NOW.plusSeconds(90), 7 * HOUR)).isEqualTo(Outcome.EXHAUSTED);
        assertThat(ledger.reserve(offer, "o3", NOW.plusSeconds(90), 6 * HOUR)).isEqualTo(Outcome.RESERVED);
        assertThat(ledger.windows(offer)).singleElement().satisfies(w -> assertThat(w.availableUnitSeconds()).isZero());
    }

    @Test
    void anEndedOrderKeepsWhatItUsedAndGivesTheRestBackOnce() {
        CapacityLedger ledger = ledger();
        String offer = offer();
        ledger.define(offer, List.of(CapacityWindow.offered(NOW, NOW.plus(Duration.ofDays(1)), 10 * HOUR)));
        ledger.reserve(offer, "o1", NOW, 4 * HOUR);
        ledger.settle(offer, "o1", HOUR);
        ledger.settle(offer, "o1", 0); // a redelivery
        assertThat(ledger.windows(offer).getFirst().reservedUnitSeconds()).isEqualTo(HOUR);
        ledger.settle(offer, "never-reserved", 0);
        assertThat(ledger.windows(offer).getFirst().reservedUnitSeconds()).isEqualTo(HOUR);

        assertThatThrownBy(() -> ledger.define(offer, List.of(CapacityWindow.offered(NOW, NOW.plus(Duration.ofDays(1)), HOUR - 1))))
                .as("not below what is reserved").isInstanceOf(ConditionFailedException.class);
        ledger.define(offer, List.of(CapacityWindow.offered(NOW, NOW.plus(Duration.ofDays(2)), 20 * HOUR)));
        assertThat(ledger.windows(offer)).singleElement().satisfies(w -> {
            assertThat(w.totalUnitSeconds()).isEqualTo(20 * HOUR);
            assertThat(w.reservedUnitSeconds()).as("kept across a resize").isEqualTo(HOUR);
        });
    }

    @Test
    void ordersRacingForTheLastUnitsNeverTakeMoreThanThereIs() throws Exception {
        CapacityLedger ledger = ledger();
        String offer = offer();
        ledger.define(offer, List.of(CapacityWindow.offered(NOW, NOW.plus(Duration.ofDays(1)), 3 * HOUR)));
        List<Callable<Outcome>> orders = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String orderId = "race-" + i;
            orders.add(() -> ledger.reserve(offer, orderId, NOW.plusSeconds(1), HOUR));
        }
        try (var pool = Executors.newFixedThreadPool(10)) {
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> result : pool.invokeAll(orders)) outcomes.add(result.get());
            assertThat(outcomes).filteredOn(o -> o == Outcome.RESERVED).hasSize(3);
            assertThat(outcomes).filteredOn(o -> o == Outcome.EXHAUSTED).hasSize(7);
        }
        assertThat(ledger.windows(offer).getFirst().availableUnitSeconds()).isZero();
    }
}
