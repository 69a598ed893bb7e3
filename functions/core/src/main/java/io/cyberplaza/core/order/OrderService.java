package io.cyberplaza.core.order;

import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.store.ConditionFailedException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The buyer's side of orders: create one from a quote, read one's own, list one's own. */
public final class OrderService {
    private static final Logger log = LoggerFactory.getLogger(OrderService.class);

    /** How long a new order waits for its deposit before it expires. */
    public static final Duration FUNDING_WINDOW = Duration.ofMinutes(10);
    /** Unpaid orders one account may hold at once: each holds capacity, and making them costs nothing. */
    public static final int MAX_UNPAID = 5;

    private final QuoteRepository quotes;
    private final OrderRepository orders;
    private final Clock clock;
    private final Duration fundingWindow;
    private final CapacityLedger capacity;
    private final CouponPayments coupons;
    private final CouponFunding couponFunding;
    private final TokenGuard token;
    private final int maxUnpaid;

    public OrderService(QuoteRepository quotes, OrderRepository orders, Clock clock) {
        this(quotes, orders, CapacityLedger.UNLIMITED, CouponPayments.NONE, (topic, orderId, dedupKey) -> { }, clock, FUNDING_WINDOW,
                TokenGuard.UNWATCHED);
    }

    /** @param token refuses new escrow-paid orders while the stablecoin cannot move the escrow's money */
    public OrderService(QuoteRepository quotes, OrderRepository orders, CapacityLedger capacity, CouponPayments coupons,
                        WorkQueue queue, Clock clock, Duration fundingWindow, TokenGuard token) {
        this(quotes, orders, capacity, coupons, queue, clock, fundingWindow, token, MAX_UNPAID);
    }

    /** @param maxUnpaid unpaid orders one account may hold at once */
    public OrderService(QuoteRepository quotes, OrderRepository orders, CapacityLedger capacity, CouponPayments coupons,
                        WorkQueue queue, Clock clock, Duration fundingWindow, TokenGuard token, int maxUnpaid) {
        if (maxUnpaid < 1) throw new IllegalArgumentException("an account may hold at least one unpaid order");
        this.maxUnpaid = maxUnpaid;
        this.token = token;
        this.quotes = quotes;
        this.orders = orders;
        this.capacity = capacity;
        this.coupons = coupons;
        this.couponFunding = new CouponFunding(orders, coupons, queue);
        this.clock = clock;
        this.fundingWindow = fundingWindow;
    }

    /** Creates the order for {@code quoteId}; calling it again returns the same order. */
    public Order create(String owner, String quoteId) {
        Quote quote = ownQuote(owner, quoteId);
        String orderId = OrderIdentity.fromQuote(quoteId);
        var existing = orders.find(orderId);
        if (existing.isPresent()) return existing.get();

        Instant now = clock.instant();
        if (quote.isExpiredAt(now)) throw new DomainException(ErrorType.QUOTE_EXPIRED, "quote " + quoteId + " has expired");
        token.requireUsable();
        refuseIfHoldingTooManyUnpaid(owner, now);
        Order order = Order.quoted(orderId, owner, quote.terms(), quote.workload(), quote.escrowAmount(), now,
                now.plus(fundingWindow));
        try (var correlated = Correlation.order(orderId)) {
            Order created = createOnce(quote, order, now);
            log.info("order created from quote {}: {} micro-USDC to deposit by {}", quoteId, order.escrowAmount(), order.expiresAt());
            return created;
        }
    }

    /**
     * Creates the order for {@code quoteId} paid by the caller's resource coupon instead of a deposit,
     * and redeems the coupon for it: the order is FUNDED at once. The order is written first, naming
     * its coupon, so a crash before the redemption leaves an order that expires unpaid, and a crash
     * after it leaves one the expiry run funds ({@link OrderExpiry}); calling again finishes either.
     */
    public Order createPaidByCoupon(String owner, String quoteId, String couponId) {
        Quote quote = ownQuote(owner, quoteId);
        String orderId = OrderIdentity.fromQuote(quoteId);
        Instant now = clock.instant();
        Order order = orders.find(orderId).orElse(null);
        try (var correlated = Correlation.order(orderId)) {
            if (order == null) {
                if (quote.isExpiredAt(now)) throw new DomainException(ErrorType.QUOTE_EXPIRED, "quote " + quoteId + " has expired");
                coupons.checkPays(owner, couponId, orderId, quote.terms(), now);
                order = createOnce(quote, Order.payableByCoupon(orderId, owner, quote.terms(), quote.workload(), quote.escrowAmount(),
                        couponId, now, now.plus(fundingWindow)), now);
            }
            // Also after creating: a racing request may have made the quote's order first, paid otherwise.
            if (!couponId.equals(order.couponId())) {
                throw new DomainException(ErrorType.CONFLICT, "quote " + quoteId + " was already turned into an order "
                        + (order.isPaidByCoupon() ? "paid by another coupon" : "paid by deposit"));
            }
            if (order.state() != OrderState.QUOTED) return order;
            coupons.redeem(owner, couponId, orderId);
            Order funded = couponFunding.fund(orderId, now).orElse(order);
            log.info("order created from quote {}, paid by coupon {}; it is {}", quoteId, couponId, funded.state());
            return funded;
        }
    }

    /**
     * An unpaid order holds capacity until it lapses, at no cost to whoever made it: one account holds
     * at most {@code maxUnpaid} at once. Orders made in the same instant can each see one fewer, so the
     * cap can be passed by the requests in flight together, which the rate limit bounds.
     */
    private void refuseIfHoldingTooManyUnpaid(String owner, Instant now) {
        long unpaid = orders.findByOwner(owner).stream()
                .filter(o -> o.state() == OrderState.QUOTED && !o.isPaidByCoupon() && o.expiresAt().isAfter(now)).count();
        if (unpaid >= maxUnpaid) {
            throw new DomainException(ErrorType.TOO_MANY_UNPAID, "you hold " + unpaid + " unpaid orders, as many as an account may; "
                    + "pay one or let one lapse (each does " + fundingWindow.toMinutes() + " minutes after it was made)");
        }
    }

    private Quote ownQuote(String owner, String quoteId) {
        return quotes.find(quoteId).filter(q -> q.owner().equals(owner))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no quote " + quoteId));
    }

    /** Call within the order's correlation. */
    private Order createOnce(Quote quote, Order order, Instant now) {
        try {
            reserveCapacity(quote, order.orderId(), now);
            orders.create(order);
            return order;
        } catch (ConditionFailedException raced) {
            return orders.find(order.orderId()).orElseThrow();
        }
    }

    /** Before the order exists, so an order is never sold past the offer's capacity; once per order id. */
    private void reserveCapacity(Quote quote, String orderId, Instant now) {
        String offerId = quote.terms().offerId();
        long unitSeconds = Math.multiplyExact((long) quote.terms().units(), quote.terms().purchasedSeconds());
        switch (capacity.reserve(offerId, orderId, now, unitSeconds)) {
            case EXHAUSTED -> throw new DomainException(ErrorType.CAPACITY_EXHAUSTED,
                    "offer " + offerId + " has not that much capacity left in its current window");
            case NO_WINDOW -> throw new DomainException(ErrorType.CAPACITY_EXHAUSTED, "offer " + offerId + " sells no capacity now");
            case RESERVED, ALREADY_RESERVED, UNLIMITED -> { }
        }
    }

    /** The order, if {@code caller} owns it. Someone else's order looks exactly like a missing one. */
    public Order get(String caller, String orderId) {
        return orders.find(orderId).filter(o -> o.owner().equals(caller))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no order " + orderId));
    }

    public List<Order> mine(String caller) {
        return orders.findByOwner(caller);
    }
}
