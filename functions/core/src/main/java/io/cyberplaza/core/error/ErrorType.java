package io.cyberplaza.core.error;

/** Every way the rules refuse a request, each with the HTTP status an API maps it to. */
public enum ErrorType {
    INVALID_REQUEST(400),
    UNAUTHORIZED(401),
    NOT_FOUND(404),
    FORBIDDEN(403),
    QUOTE_EXPIRED(410),
    CONFLICT(409),
    STATE_CONFLICT(409),
    /** The Idempotency-Key was used before for a different request. */
    IDEMPOTENCY_KEY_REUSED(422),
    /** A request with the same Idempotency-Key is still being processed. */
    IDEMPOTENCY_KEY_IN_USE(409),
    /** Too many requests from one identity in the current window. */
    RATE_LIMITED(429),
    /** The offer has not that much capacity left in the current window, or sells none now. */
    CAPACITY_EXHAUSTED(409),
    /** The caller already holds as many unpaid orders (or unfunded pledges) as one account may: pay or let one lapse first. */
    TOO_MANY_UNPAID(409),
    /** A vendor callback without the vendor's valid credentials (key, token or signature). */
    WEBHOOK_UNAUTHENTICATED(401),
    /** A vendor callback whose own time lies outside the replay window. */
    WEBHOOK_REPLAYED(400),
    /** The coupon cannot pay for this order: not a resource coupon, expired, another vendor's, or too small. */
    COUPON_NOT_REDEEMABLE(422),
    /** The coupon already paid for another order. */
    COUPON_ALREADY_REDEEMED(409),
    /**
     * The purchased time, with the time to fund, start and settle the order, would outlast the escrow's
     * reclaim delay: its owner could take the money back while the compute still runs.
     */
    PURCHASE_OUTLASTS_ESCROW(422),
    /** The order's payout was released (or nothing was held): there is nothing left to dispute. */
    DISPUTE_WINDOW_CLOSED(409),
    /** No quote can be trusted now: USDC is off its peg, or the platform has no recent reading of it. */
    QUOTING_PAUSED(503),
    /** The chain could not be read just now (the node is unreachable); nothing was changed: retry shortly. */
    CHAIN_UNAVAILABLE(503),
    /**
     * A cloud service the request needs (tables, queues) kept failing or throttling through every
     * retry: retry shortly, with the same Idempotency-Key where the route takes one.
     */
    SERVICE_UNAVAILABLE(503);

    private final int httpStatus;

    ErrorType(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Refusals that pass by themselves: the client may retry after a few seconds (an API says so in Retry-After). */
    public boolean isTemporary() {
        return httpStatus == 503;
    }

    /** The stable slug used in problem+json type URIs, e.g. {@code quote-expired}. */
    public String slug() {
        return name().toLowerCase().replace('_', '-');
    }
}
