package io.cyberplaza.api.ratelimit;

import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.vendor.Vendors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Counts every request against its caller: the session's address once signed in, else the network
 * address the deployment saw ({@link CallerAddress}), with budgets of their own for signing in and
 * for each vendor's webhook. Over the limit: 429 problem+json with {@code Retry-After}. Every answer carries the
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} headers. Runs
 * after authentication, so a token decides the identity, and before any controller.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RateLimitFilter implements Ordered {
    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";
    /** Load balancers and monitors poll it; it touches no table. */
    private static final String HEALTH = "/health";

    private static final String SIGN_IN = "/auth/";
    private static final String WEBHOOKS = "/webhooks/";
    private static final String COUPON_WEBHOOK = "coupons";

    private final RequestLimiter limiter;
    private final RateLimitSettings settings;
    private final CallerAddress addresses;
    private final Clock clock;
    /** The webhooks there are: a budget per name the caller chose would be a budget per request. */
    private final java.util.Set<String> webhooks;

    public RateLimitFilter(RequestLimiter limiter, RateLimitSettings settings, CallerAddress addresses, Clock clock, Vendors vendors) {
        this.limiter = limiter;
        this.settings = settings;
        this.addresses = addresses;
        this.clock = clock;
        java.util.Set<String> routes = new java.util.HashSet<>(vendors.callbackRoutes());
        routes.add(COUPON_WEBHOOK);
        this.webhooks = java.util.Set.copyOf(routes);
    }

    /** Whose budget a request spends, and how large it is. */
    private record Budget(String identity, int limit) {
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> count(HttpRequest<?> request) {
        if (request.getPath().equals(HEALTH)) return null;
        Budget budget = budgetOf(request);
        String identity = budget.identity();
        int limit = budget.limit();
        Instant now = clock.instant();
        RequestLimiter.Decision decision;
        try {
            decision = limiter.admit(identity, limit);
        } catch (RuntimeException storeDown) {
            // A limiter that cannot count must not take the API down with it: let the request through.
            log.warn("rate limit not applied, the request counter failed: {}", storeDown.toString());
            return null;
        }
        request.setAttribute(DECISION, decision);
        if (decision.allowed()) return null;
        long retryAfter = Math.max(1, Duration.between(now, decision.resetAt()).toSeconds() + 1);
        MutableHttpResponse<Problem> refused = Problem.respond(HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS),
                Problem.of(ErrorType.RATE_LIMITED.slug(), HttpStatus.TOO_MANY_REQUESTS,
                        "more than " + limit + " requests in " + settings.window().toSeconds() + " s; retry after " + retryAfter + " s",
                        request.getPath()));
        return withHeaders(refused.header("Retry-After", Long.toString(retryAfter)), decision, now);
    }

    private Budget budgetOf(HttpRequest<?> request) {
        String caller = request.getUserPrincipal().map(Principal::getName).orElse(null);
        if (caller != null) return new Budget("address:" + caller, settings.perIdentity());
        String path = request.getPath();
        String address = addresses.of(request);
        if (path.startsWith(SIGN_IN)) return new Budget("signin:" + address, settings.perSignIn());
        if (path.startsWith(WEBHOOKS)) {
            String rest = path.substring(WEBHOOKS.length());
            String vendor = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            if (webhooks.contains(vendor)) return new Budget("webhook:" + vendor + ":" + address, settings.perWebhook());
        }
        return new Budget("network:" + address, settings.perAddress());
    }

    @ResponseFilter
    public void describe(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, RequestLimiter.Decision.class)
                .filter(decision -> !response.getHeaders().contains("RateLimit-Limit"))
                .ifPresent(decision -> withHeaders(response, decision, clock.instant()));
    }

    private static MutableHttpResponse<?> withHeaders(MutableHttpResponse<?> response, RequestLimiter.Decision decision, Instant now) {
        return response.header("RateLimit-Limit", Integer.toString(decision.limit()))
                .header("RateLimit-Remaining", Integer.toString(decision.remaining()))
                .header("RateLimit-Reset", Long.toString(Math.max(0, Duration.between(now, decision.resetAt()).toSeconds())));
    }
}
