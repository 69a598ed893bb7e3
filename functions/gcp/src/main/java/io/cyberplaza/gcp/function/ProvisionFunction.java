package io.cyberplaza.gcp.function;

import io.cloudevents.CloudEvent;
import io.cyberplaza.core.run.ProvisionService;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;


/** Pub/Sub work topic {@code <prefix>-provision}: launches the order's machine. */
public class ProvisionFunction extends PubSubFunction {
    @Inject
    ProvisionService provisioning;

    public ProvisionFunction() {
    }

    public ProvisionFunction(ApplicationContext context) {
        super(context);
        injectThis(context);
    }

    @Override
    public void accept(CloudEvent event) {
        orderOf(event).ifPresent(provisioning::provision);
    }
}
