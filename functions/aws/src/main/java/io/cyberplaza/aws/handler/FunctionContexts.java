package io.cyberplaza.aws.handler;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;

/**
 * Lambda's context builder creates every singleton of the deployment at start. Each function here
 * creates only the beans its handler uses instead: it starts sooner, and it reads only the secrets
 * its own role is allowed to read (the API never touches the settler's key).
 */
final class FunctionContexts {
    private FunctionContexts() {
    }

    /** LambdaApplicationContextBuilder's settings without eager singletons (its builder cannot switch them off). */
    static ApplicationContextBuilder onlyWhatTheHandlerUses() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, "lambda").eagerInitConfiguration(true);
    }
}
