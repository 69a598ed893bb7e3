package io.cyberplaza.azure.function;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.cyberplaza.api.webhook.VendorDeliveries;
import io.micronaut.azure.function.AzureFunction;
import io.micronaut.context.ApplicationContextBuilder;

import java.nio.charset.StandardCharsets;

/**
 * Event Grid trigger: Azure Resource Manager's events about the platform's VMs, from the
 * subscription's system topic. The host has already validated the subscription and authenticated
 * the delivery, so no webhook key is involved.
 */
public class VendorEventsFunction extends AzureFunction {
    /** The vendor callback route whose module reads Resource Manager's events (the same as its webhook's). */
    static final String EVENT_GRID_ROUTE = "azure";

    public VendorEventsFunction() {
    }

    public VendorEventsFunction(ApplicationContextBuilder context) {
        super(context);
    }

    @FunctionName("vendorEvents")
    public VendorDeliveries.Receipt vendorEvents(@EventGridTrigger(name = "event") String event, ExecutionContext context) {
        return getApplicationContext().getBean(VendorDeliveries.class).fromTrigger(EVENT_GRID_ROUTE, event.getBytes(StandardCharsets.UTF_8));
    }
}
