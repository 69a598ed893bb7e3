package io.cyberplaza.core.contract;

import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.DepositRecord;
import io.cyberplaza.core.escrow.EventKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class DepositLedgerContract {

    protected abstract DepositLedger ledger();

    private static DepositRecord deposit(String orderId, String tx, long logIndex, long amount, long block, String hash) {
        return new DepositRecord(new EventKey(tx, logIndex), orderId, "0x00000000000000000000000000000000000000a1",
                amount, amount, block, hash);
    }

    @Test
    void aDepositIsRecordedOnceHoweverOftenItIsDelivered() {
        DepositLedger ledger = ledger();
        String orderId = OrderRepositoryContract.randomOrderId();
        DepositRecord d = deposit(orderId, "0xaa01", 3, 7_000_000L, 10, "0xb10");
        assertThat(ledger.record(d)).isTrue();
        assertThat(ledger.record(d)).isFalse();
        assertThat(ledger.findByOrder(orderId)).containsExactly(d);
        assertThat(ledger.totalFor(orderId)).isEqualTo(7_000_000L);
    }

    @Test
    void topUpsAddUpAndAReorgedDepositCanBeRemovedOnlyByItsBlock() {
        DepositLedger ledger = ledger();
        String orderId = OrderRepositoryContract.randomOrderId();
        DepositRecord first = deposit(orderId, "0xaa02", 0, 4_000_000L, 11, "0xb11");
        DepositRecord topUp = deposit(orderId, "0xaa03", 1, 2_500_000L, 12, "0xb12");
        ledger.record(first);
        ledger.record(topUp);
        assertThat(ledger.totalFor(orderId)).isEqualTo(6_500_000L);

        assertThat(ledger.remove(topUp.key(), "0xother")).isFalse();
        assertThat(ledger.remove(topUp.key(), "0xb12")).isTrue();
        assertThat(ledger.remove(topUp.key(), "0xb12")).isFalse();
        assertThat(ledger.findByOrder(orderId)).containsExactly(first);
    }
}
