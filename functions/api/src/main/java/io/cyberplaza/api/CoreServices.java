package io.cyberplaza.api;

import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.dispute.EscrowDisputes;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.dispute.DisputeDesk;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.core.rewards.RewardsChain;
import io.cyberplaza.core.rewards.RewardsView;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.groupbuy.CodeVault;
import io.cyberplaza.core.groupbuy.CouponIntake;
import io.cyberplaza.core.groupbuy.CouponRedemption;
import io.cyberplaza.core.order.CouponPayments;
import io.cyberplaza.core.groupbuy.CouponWallet;
import io.cyberplaza.core.groupbuy.GroupBuyService;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.secret.EnvelopeCodeVault;
import io.cyberplaza.core.secret.KeyWrapper;
import io.cyberplaza.core.secret.LocalKeyWrapper;
import io.cyberplaza.core.secret.SecretStore;
import io.micronaut.context.annotation.Secondary;
import java.util.Base64;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.auth.AccountService;
import io.cyberplaza.core.auth.RecentAccounts;
import io.cyberplaza.core.offer.ListedOffers;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingService;
import io.cyberplaza.core.offer.OfferCatalog;
import io.cyberplaza.core.offer.RecentListings;
import io.cyberplaza.core.pricing.MarketPrices;
import io.cyberplaza.core.pricing.RecentPrices;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderService;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.quote.QuoteService;
import io.cyberplaza.core.ve.FeeDiscounts;
import io.cyberplaza.core.run.CompletionService;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.run.ResultService;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.VendorEventService;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The core's use cases as beans. Their ports (tables, queues, provisioners, clock) come from the
 * deployment: DynamoDB and SQS on AWS, the embedded components in the local runner, fakes in tests.
 */
@Factory
public class CoreServices {

    @Singleton
    QuoteService quoteService(OfferCatalog offers, MarketPrices market, QuoteRepository quotes, Clock clock,
                              @Value("${cyberplaza.chain.reclaim-delay:30d}") Duration reclaimDelay, TokenGuard token,
                              @Nullable @Property(name = "cyberplaza.orders.dispute-window") Duration disputeWindow,
                              @Nullable FeeDiscounts feeDiscounts) {
        return new QuoteService(offers, market, quotes, clock, reclaimDelay, token, disputeWindow, feeDiscounts);
    }

    @Singleton
    MarketPrices marketPrices(PriceRepository prices, Clock clock,
                              @Value("${cyberplaza.pricing.quote-max-age:3h}") Duration maxAge,
                              @Value("${cyberplaza.pricing.resale-discount-bps:1000}") int resaleDiscountBps,
                              @Value("${cyberplaza.api.keep-reads:5s}") Duration keepReads) {
        return new MarketPrices(new RecentPrices(prices, keepReads, clock), new MarketPrices.Settings(maxAge, resaleDiscountBps), clock);
    }

    @Singleton
    OrderService orderService(QuoteRepository quotes, OrderRepository orders, CapacityLedger capacity, CouponPayments coupons,
                              WorkQueue queue, Clock clock, @Value("${cyberplaza.orders.funding-window:10m}") Duration fundingWindow,
                              TokenGuard token, @Value("${cyberplaza.orders.max-unpaid:5}") int maxUnpaid) {
        return new OrderService(quotes, orders, capacity, coupons, queue, clock, fundingWindow, token, maxUnpaid);
    }

    @Singleton
    CouponPayments couponPayments(GroupBuyStore store, SettlementRepository settlements) {
        return new CouponRedemption(store, settlements);
    }

    @Singleton
    VendorEventService vendorEvents(InstanceRepository instances, WebhookReceipts receipts, OrderRepository orders,
                                    CompletionService completion, Clock clock,
                                    @Value("${cyberplaza.webhooks.replay-window:1h}") Duration replayWindow) {
        return new VendorEventService(instances, receipts, orders, completion, clock, replayWindow);
    }

    @Singleton
    CompletionService completionService(OrderRepository orders, Provisioners provisioners, WorkQueue queue, Clock clock) {
        return new CompletionService(orders, provisioners, queue, clock);
    }

    @Singleton
    AccountService accountService(AccountRepository accounts, Clock clock,
                                  @Nullable @Value("${cyberplaza.auth.first-operator:}") String firstOperator,
                                  @Value("${cyberplaza.api.keep-reads:5s}") Duration keepReads) {
        // Read at every request for the caller's roles (api/auth/CurrentRoles): kept for seconds, never longer.
        return new AccountService(new RecentAccounts(accounts, keepReads, clock), Optional.ofNullable(firstOperator).filter(a -> !a.isBlank()),
                clock);
    }

    /** Typed as itself: the table's own repository stays the one every other use injects. */
    @Singleton
    @Bean(typed = RecentListings.class)
    RecentListings recentListings(ListingRepository listings, Clock clock, @Value("${cyberplaza.api.keep-reads:5s}") Duration keepReads) {
        return new RecentListings(listings, keepReads, clock);
    }

    @Singleton
    OfferCatalog offerCatalog(RecentListings listings) {
        return new ListedOffers(listings);
    }

    @Singleton
    ListingService listingService(RecentListings listings, ProviderRepository providers, AccountService accounts,
                                  CapacityLedger capacity, Provisioners provisioners, Clock clock) {
        return new ListingService(listings, providers, accounts, capacity, provisioners.listableByProviders(), clock);
    }

    /** Only where the deployment names its rewards contracts; without them {@code /rewards} is not served. */
    @Singleton
    @Requires(beans = RewardsChain.class)
    RewardsView rewardsView(RewardStore rewards, RewardsChain chain) {
        return new RewardsView(rewards, chain);
    }

    @Singleton
    DisputeDesk disputeDesk(DisputeRepository disputes, OrderRepository orders, SettlementRepository settlements, EscrowDisputes escrow,
                            Metrics metrics, Clock clock) {
        return new DisputeDesk(disputes, orders, settlements, escrow, metrics, clock);
    }

    @Singleton
    GroupBuyService groupBuyService(GroupBuyStore store, Clock clock, @Value("${cyberplaza.chain.reclaim-delay:30d}") Duration reclaimDelay,
                                    TokenGuard token) {
        return new GroupBuyService(store, clock, reclaimDelay, token);
    }

    @Singleton
    CouponWallet couponWallet(GroupBuyStore store, CodeVault vault, SettlementRepository settlements) {
        return new CouponWallet(store, vault, settlements);
    }

    @Singleton
    CouponIntake couponIntake(GroupBuyStore store, CodeVault vault, Clock clock) {
        return new CouponIntake(store, vault, clock);
    }

    @Singleton
    CodeVault codeVault(KeyWrapper wrapper, SecretStore secrets) {
        return new EnvelopeCodeVault(wrapper, Base64.getDecoder().decode(secrets.get(SecretStore.COUPON_FINGERPRINT_KEY)));
    }

    /** Where no KMS key is configured, the key-encryption key comes from the secret store. */
    @Singleton
    @Secondary
    KeyWrapper localKeyWrapper(SecretStore secrets) {
        return new LocalKeyWrapper(SecretStore.COUPON_CODE_KEY, Base64.getDecoder().decode(secrets.get(SecretStore.COUPON_CODE_KEY)));
    }

    @Singleton
    ResultService resultService(OrderRepository orders, Provisioners provisioners) {
        return new ResultService(orders, provisioners);
    }
}
