package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload2.APIGatewayV2HTTPEventFunction;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0): every route goes to the API module's controllers.
 *
 * <p>SnapStart snapshots the function after its init. Before the snapshot the handler answers one
 * GET /health of its own, so the request path (routing, filters, serialization) is loaded and
 * compiled in the snapshot rather than on a buyer's first request after each restore. The other
 * handlers create their beans at init, which the snapshot already holds.
 */
public class ApiHandler extends APIGatewayV2HTTPEventFunction implements Resource {

    public ApiHandler() {
        Core.getGlobalContext().register(this);
    }

    public ApiHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        APIGatewayV2HTTPResponse response = handleRequest(primingRequest(), null);
        if (response.getStatusCode() != 200) throw new IllegalStateException("priming GET /health answered " + response.getStatusCode());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: clients reconnect on their first call, and secrets are read when first needed.
    }

    /** The request API Gateway would send for GET /health, from a documentation address. */
    static APIGatewayV2HTTPEvent primingRequest() {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath("/health").withRawQueryString("")
                .withHeaders(Map.of("accept", "application/json", "host", "snapstart.priming", "x-forwarded-for", "192.0.2.1"))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withStage("$default").withRequestId("snapstart-priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath("/health")
                                .withProtocol("HTTP/1.1").withSourceIp("192.0.2.1").build()).build())
                .withIsBase64Encoded(false).build();
    }
}
