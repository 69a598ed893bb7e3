package io.cyberplaza.aws.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.cyberplaza.api.ratelimit.CallerAddress;
import io.cyberplaza.api.ratelimit.ForwardedCallerAddress;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import jakarta.inject.Singleton;

/**
 * On Lambda the API sees no socket: API Gateway says where a request came from in the event's
 * {@code requestContext.http.sourceIp}, the address that connected to it, which a caller cannot set
 * (unlike a header). Requests that did not come through API Gateway (the local runner's own server)
 * are told apart as before.
 */
@Singleton
@Replaces(ForwardedCallerAddress.class)
public final class ApiGatewayCallerAddress extends ForwardedCallerAddress {

    public ApiGatewayCallerAddress(@Value("${cyberplaza.api.forwarded-hops:0}") int forwardedHops) {
        super(forwardedHops);
    }

    @Override
    public String of(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            String source = event.getRequestContext().getHttp().getSourceIp();
            return source == null || source.isBlank() ? UNKNOWN : source;
        }
        return super.of(request);
    }
}
