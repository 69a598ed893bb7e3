package io.cyberplaza.gcp.function;

import io.cloudevents.CloudEvent;
import io.cyberplaza.core.settlement.SettlementService;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

import java.util.List;

/** Pub/Sub work topic {@code <prefix>-settle}: settles the order's escrow. */
public class SettleFunction extends PubSubFunction {
    @Inject
    SettlementService settlement;

    public SettleFunction() {
    }

    public SettleFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public void accept(CloudEvent event) {
        orderOf(event).ifPresent(orderId -> settlement.settle(List.of(orderId)));
    }
}
