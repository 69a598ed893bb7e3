package io.cyberplaza.aws.handler;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;

/** API Gateway HTTP API (payload 2.0): every route goes to the API module's controllers. */
public class ApiHandler extends APIGatewayV2HTTPEventFunction {

    public ApiHandler() {
    }

    public ApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }
}
