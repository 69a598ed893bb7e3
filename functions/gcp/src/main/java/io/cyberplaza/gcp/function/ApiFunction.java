package io.cyberplaza.gcp.function;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.gcp.function.http.HttpFunction;

/**
 * HTTP function: every route goes to the API module's controllers, vendor callbacks included
 * ({@code /webhooks/gcp} is where the audit-log topic's push subscription delivers).
 */
public class ApiFunction extends HttpFunction {

    public ApiFunction() {
    }

    public ApiFunction(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return GcpContexts.builder();
    }
}
