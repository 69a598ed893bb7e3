package io.cyberplaza.runtime.job;

import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.core.order.OrderExpiry;
import io.cyberplaza.core.run.MeterService;
import io.cyberplaza.core.run.StalledOrders;
import io.cyberplaza.core.settlement.SettlementService;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The meter's schedule: meters running orders (warn at 80 %, stop at the purchased time or an empty
 * escrow), expires unfunded orders, and re-drives what a crash left behind: orders stalled between
 * steps, settlements marked but never sent, and transactions not yet final.
 */
@Singleton
public class Metering {

    @Serdeable
    public record Report(int metered, int warned, int completed, int expired, int stalledRedriven,
                         int settlementsResent, int transactionsReconciled) {
    }

    private final MeterService meter;
    private final OrderExpiry expiry;
    private final TransactionSender sender;
    private final StalledOrders stalled;
    private final SettlementService settlement;

    public Metering(MeterService meter, OrderExpiry expiry, TransactionSender sender, StalledOrders stalled, SettlementService settlement) {
        this.meter = meter;
        this.expiry = expiry;
        this.sender = sender;
        this.stalled = stalled;
        this.settlement = settlement;
    }

    public Report run() {
        MeterService.MeterReport metered = meter.meterAll();
        int expired = expiry.expireDue();
        int redriven = stalled.redrive().total();
        int resent = settlement.resubmitUnsent();
        try {
            int reconciled = sender.reconcilePending().size();
            return new Report(metered.metered(), metered.warned(), metered.completed(), expired, redriven, resent, reconciled);
        } catch (IOException e) {
            throw new UncheckedIOException("the chain could not be read", e);
        }
    }
}
