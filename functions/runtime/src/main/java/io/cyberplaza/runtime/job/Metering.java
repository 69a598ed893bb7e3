package io.cyberplaza.runtime.job;

import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.core.dispute.DisputeDesk;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.escrow.TokenState;
import io.cyberplaza.core.order.OrderExpiry;
import io.cyberplaza.core.run.MeterService;
import io.cyberplaza.core.run.StalledOrders;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.runtime.wiring.CoreAdapters;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The meter's schedule: meters running orders (warn at 80 %, stop at the purchased time or an empty
 * escrow), expires unfunded orders, and re-drives what a crash left behind: orders stalled between
 * steps, settlements marked but never sent, and transactions not yet final. It also looks at the
 * token, so a USDC pause or a blacklisted escrow raises its alert even when nobody is quoting.
 */
@Singleton
public class Metering {

    @Serdeable
    public record Report(int metered, int warned, int completed, int deferred, int expired, int stalledRedriven,
                         int settlementsResent, int transactionsReconciled, int disputesReconciled,
                         boolean tokenUsable) {
    }

    private final MeterService meter;
    private final OrderExpiry expiry;
    private final List<TransactionSender> senders;
    private final StalledOrders stalled;
    private final SettlementService settlement;
    private final DisputeDesk disputes;
    private final TokenGuard token;

    /** Every key's pending transactions are reconciled here: the settler's, the arbiter's and the guardian's. */
    public Metering(MeterService meter, OrderExpiry expiry, TransactionSender settler, @Named(CoreAdapters.ARBITER) TransactionSender arbiter,
                    @Named(CoreAdapters.GUARDIAN) TransactionSender guardian, StalledOrders stalled, SettlementService settlement,
                    DisputeDesk disputes, TokenGuard token) {
        this.meter = meter;
        this.expiry = expiry;
        this.senders = List.of(settler, arbiter, guardian);
        this.stalled = stalled;
        this.settlement = settlement;
        this.disputes = disputes;
        this.token = token;
    }

    public Report run() {
        MeterService.MeterReport metered = meter.meterAll();
        int expired = expiry.expireDue();
        int redriven = stalled.redrive().total();
        int resent = settlement.resubmitUnsent();
        int reconciled = 0;
        try {
            for (TransactionSender sender : senders) reconciled += sender.reconcilePending().size();
        } catch (IOException e) {
            throw new UncheckedIOException("the chain could not be read", e);
        }
        int disputesReconciled = disputes.reconcile();
        TokenState.Status tokenStatus = token.check();
        return new Report(metered.metered(), metered.warned(), metered.completed(), metered.deferred(), expired, redriven, resent, reconciled, disputesReconciled,
                tokenStatus != null && tokenStatus.usable());
    }
}
