package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.core.order.OrderExpiry;
import io.cyberplaza.core.run.MeterService;
import io.cyberplaza.core.run.StalledOrders;
import io.cyberplaza.core.settlement.SettlementService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Schedule: meters running orders (warn at 80 %, stop at the purchased time or an empty escrow),
 * expires unfunded orders, and re-drives what a crash left behind: orders stalled between steps,
 * settlements marked but never sent, and transactions not yet final.
 */
public class MeterHandler extends MicronautRequestHandler<ScheduledEvent, MeterHandler.Report> {

    @Serdeable
    public record Report(int metered, int warned, int completed, int expired, int stalledRedriven,
                         int settlementsResent, int transactionsReconciled) {
    }

    @Inject
    MeterService meter;
    @Inject
    OrderExpiry expiry;
    @Inject
    TransactionSender sender;
    @Inject
    StalledOrders stalled;
    @Inject
    SettlementService settlement;

    public MeterHandler() {
    }

    public MeterHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public Report execute(ScheduledEvent event) {
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
