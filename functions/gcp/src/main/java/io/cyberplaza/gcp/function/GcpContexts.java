package io.cyberplaza.gcp.function;

import io.cyberplaza.runtime.wiring.CloudEnvironments;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/** The context every GCP function starts: the function and gcp environments, nothing deduced from the host. */
public final class GcpContexts {
    private GcpContexts() {
    }

    public static ApplicationContextBuilder builder() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, CloudEnvironments.GCP).deduceEnvironment(false);
    }
}
