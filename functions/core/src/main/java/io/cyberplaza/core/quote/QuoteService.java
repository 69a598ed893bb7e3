package io.cyberplaza.core.quote;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.escrow.EscrowLimits;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.money.Billing;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.OfferCatalog;
import io.cyberplaza.core.order.OrderTerms;
import io.cyberplaza.core.order.Workload;
import io.cyberplaza.core.pricing.MarketPrices;
import io.cyberplaza.core.ve.FeeDiscounts;
import io.cyberplaza.provisioner.TaskPlan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Prices a request against an offer at its price now (see {@link MarketPrices}) and fixes that price
 * for a while, with the market snapshot it was made against. Refused while quoting is paused: USDC off
 * its peg, or the token unable to move the escrow's money.
 */
public final class QuoteService {
    /** The buffer on top of the estimate, refunded if unused: metering drift, a late stop. */
    public static final int CONTINGENCY_PERCENT = 20;
    public static final Duration VALIDITY = Duration.ofMinutes(15);

    /**
     * @param units   per task: a sweep's or workflow's tasks each run with these units for at most {@code seconds}
     * @param plan    one task (null), a sweep or a workflow
     */
    public record QuoteRequest(String offerId, int units, long seconds, String template, Map<String, String> parameters,
                               TaskPlan plan) {
        public QuoteRequest(String offerId, int units, long seconds, String template, Map<String, String> parameters) {
            this(offerId, units, seconds, template, parameters, null);
        }
    }

    private final OfferCatalog offers;
    private final MarketPrices market;
    private final QuoteRepository quotes;
    /** Room, beyond the purchased time, to fund the order (the quote's validity), start it, stop it and settle it. */
    public static final Duration SETTLEMENT_MARGIN = VALIDITY.plus(Duration.ofHours(1));

    private final Clock clock;
    private final Duration reclaimDelay;
    private final TokenGuard token;
    private final Duration disputeWindow;
    private final FeeDiscounts feeDiscounts;

    public QuoteService(OfferCatalog offers, MarketPrices market, QuoteRepository quotes, Clock clock) {
        this(offers, market, quotes, clock, EscrowLimits.RECLAIM_DELAY, TokenGuard.UNWATCHED);
    }

    public QuoteService(OfferCatalog offers, MarketPrices market, QuoteRepository quotes, Clock clock, Duration reclaimDelay) {
        this(offers, market, quotes, clock, reclaimDelay, TokenGuard.UNWATCHED);
    }

    /**
     * @param reclaimDelay the escrow's: how long after its first deposit an unsettled order can be taken back by its owner
     * @param token        refuses quotes while the stablecoin cannot move the escrow's money
     */
    public QuoteService(OfferCatalog offers, MarketPrices market, QuoteRepository quotes, Clock clock, Duration reclaimDelay,
                        TokenGuard token) {
        this(offers, market, quotes, clock, reclaimDelay, token, null);
    }

    /**
     * @param disputeWindow how long every payout is held, in place of the provider tier's: a development
     *                      stack's short hold, so its payouts (and their rewards) become final within minutes;
     *                      null in deployments
     */
    public QuoteService(OfferCatalog offers, MarketPrices market, QuoteRepository quotes, Clock clock, Duration reclaimDelay,
                        TokenGuard token, Duration disputeWindow) {
        this(offers, market, quotes, clock, reclaimDelay, token, disputeWindow, null);
    }

    /** @param feeDiscounts reads the buyer's veCPT and discounts the platform's fee by its tier; null where veCPT is not deployed */
    public QuoteService(OfferCatalog offers, MarketPrices market, QuoteRepository quotes, Clock clock, Duration reclaimDelay,
                        TokenGuard token, Duration disputeWindow, FeeDiscounts feeDiscounts) {
        this.feeDiscounts = feeDiscounts;
        this.disputeWindow = disputeWindow;
        this.offers = offers;
        this.market = market;
        this.quotes = quotes;
        this.clock = clock;
        this.reclaimDelay = reclaimDelay;
        this.token = token;
    }

    public Quote quote(String owner, QuoteRequest request) {
        Offer listed = offers.find(request.offerId())
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no offer " + request.offerId()));
        if (request.units() < 1 || request.units() > listed.maxUnits()) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "units must be between 1 and " + listed.maxUnits());
        }
        if (request.seconds() < 60 || request.seconds() > listed.maxHours() * 3_600L) {
            throw new DomainException(ErrorType.INVALID_REQUEST,
                    "seconds must be between 60 and " + listed.maxHours() * 3_600L + " for this offer");
        }
        long longestPurchase = reclaimDelay.minus(SETTLEMENT_MARGIN).toSeconds();
        if (request.seconds() > longestPurchase) {
            throw new DomainException(ErrorType.PURCHASE_OUTLASTS_ESCROW, "at most " + longestPurchase
                    + " seconds can be bought in one order: the escrow lets its owner reclaim an unsettled order "
                    + reclaimDelay.toHours() + " hours after paying, and the run must be settled before that");
        }
        TaskPlan plan = request.plan() == null ? TaskPlan.SINGLE : request.plan();
        if (!plan.isSingle() && !listed.runsTaskPlans()) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "offer " + listed.offerId() + " runs one task per order, not sweeps or workflows");
        }
        List<String> templates = plan.steps().isEmpty() ? List.of(request.template() == null ? "" : request.template())
                : plan.steps().stream().map(TaskPlan.Step::template).toList();
        if (!listed.templates().isEmpty() && !listed.templates().containsAll(templates)) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "template must be one of " + listed.templates());
        }
        int units = Math.multiplyExact(request.units(), plan.tasks());
        long serial = request.seconds() * plan.tasks() + io.cyberplaza.core.run.MeterService.QUEUE_ALLOWANCE.toSeconds();
        if (!plan.isSingle() && serial > longestPurchase) {
            throw new DomainException(ErrorType.PURCHASE_OUTLASTS_ESCROW, "the tasks one after another, with an hour in the queue, would take "
                    + serial + " seconds; at most " + longestPurchase + " fit before the escrow lets its owner reclaim the order");
        }
        token.requireUsable();
        MarketPrices.ForQuote priced = market.forQuote(listed);
        Offer offer = priced.offer();
        long pricePerHour = offer.pricePerHourFor(request.seconds());
        long estimate = Billing.cost(pricePerHour, units, request.seconds());
        if (estimate == 0) throw new DomainException(ErrorType.INVALID_REQUEST, "the request costs nothing; buy more time");
        OrderTerms terms = new OrderTerms(offer.offerId(), offer.providerAddress(), offer.provisioner(), pricePerHour,
                units, request.seconds(), offer.tier().feeBps(),
                (disputeWindow == null ? offer.tier().disputeWindow() : disputeWindow).toSeconds(), offer.machine());
        PriceSnapshot snapshot = priced.snapshot();
        if (feeDiscounts != null) {
            FeeDiscounts.Applied discount = feeDiscounts.forBuyer(owner);
            terms = terms.withFeeDiscount(discount.discountBps());
            snapshot = snapshot.withFeeDiscount(discount.votingPower(), discount.discountBps());
        }
        Instant now = clock.instant();
        Quote quote = new Quote(UUID.randomUUID().toString(), owner, terms,
                new Workload(request.template() == null ? "" : request.template(),
                        request.parameters() == null ? Map.of() : request.parameters(), plan),
                estimate, Billing.percentOf(estimate, CONTINGENCY_PERCENT), now, now.plus(VALIDITY), snapshot);
        quotes.save(quote);
        return quote;
    }
}
