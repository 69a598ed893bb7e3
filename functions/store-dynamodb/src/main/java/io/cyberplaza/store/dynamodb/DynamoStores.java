package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds every DynamoDB adapter over one client; handlers create it once, at init. */
public final class DynamoStores implements Stores {
    private final GroupBuyStore groupBuys;
    private final OrderRepository orders;
    private final QuoteRepository quotes;
    private final LoginNonces loginNonces;
    private final DepositLedger deposits;
    private final ChainCursorStore cursors;
    private final SettlementRepository settlements;
    private final TransactionOutbox outbox;
    private final AccountRepository accounts;
    private final IdempotencyStore idempotency;
    private final RequestCounter requestCounter;
    private final ListingRepository listings;
    private final ProviderRepository providers;
    private final CapacityLedger capacity;
    private final InstanceRepository instances;
    private final WebhookReceipts webhookReceipts;
    private final PriceRepository prices;
    private final PricingRounds pricingRounds;
    private final DisputeRepository disputes;
    private final RewardStore rewards;

    public DynamoStores(DynamoDbClient dynamo, TableNames names) {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.orders = new DynamoOrderRepository(enhanced, names.of("Orders"));
        this.quotes = new DynamoQuoteRepository(enhanced, names.of("Quotes"));
        this.loginNonces = new DynamoLoginNonces(enhanced, names.of("LoginNonces"));
        this.deposits = new DynamoDepositLedger(enhanced, names.of("Deposits"));
        this.cursors = new DynamoChainCursorStore(enhanced, names.of("ChainCursor"));
        this.settlements = new DynamoSettlementRepository(enhanced, names.of("Settlements"));
        this.outbox = new DynamoTransactionOutbox(enhanced, names.of("TxOutbox"));
        this.accounts = new DynamoAccountRepository(enhanced, names.of("Accounts"));
        this.idempotency = new DynamoIdempotencyStore(enhanced, names.of("IdempotencyKeys"));
        this.requestCounter = new DynamoRequestCounter(dynamo, names.of("RateLimits"));
        this.listings = new DynamoListingRepository(enhanced, names.of("Offers"));
        this.providers = new DynamoProviderRepository(enhanced, names.of("Providers"));
        this.capacity = new DynamoCapacityLedger(dynamo, names.of("Capacity"));
        this.instances = new DynamoInstanceRepository(enhanced, names.of("Instances"));
        this.webhookReceipts = new DynamoWebhookReceipts(enhanced, names.of("WebhookReceipts"));
        this.prices = new DynamoPriceRepository(enhanced, names.of("Prices"));
        this.pricingRounds = new DynamoPricingRounds(enhanced, names.of("PricingRounds"));
        this.groupBuys = new DynamoGroupBuyStore(enhanced, names.of("GroupBuys"));
        this.disputes = new DynamoDisputeRepository(enhanced, names.of("Disputes"));
        this.rewards = new DynamoRewardStore(enhanced, names.of("Rewards"));
    }

    @Override
    public OrderRepository orders() { return orders; }

    @Override
    public QuoteRepository quotes() { return quotes; }

    @Override
    public LoginNonces loginNonces() { return loginNonces; }

    @Override
    public DepositLedger deposits() { return deposits; }

    @Override
    public ChainCursorStore cursors() { return cursors; }

    @Override
    public SettlementRepository settlements() { return settlements; }

    @Override
    public TransactionOutbox outbox() { return outbox; }

    @Override
    public AccountRepository accounts() { return accounts; }

    @Override
    public IdempotencyStore idempotency() { return idempotency; }

    @Override
    public RequestCounter requestCounter() { return requestCounter; }

    @Override
    public ListingRepository listings() { return listings; }

    @Override
    public ProviderRepository providers() { return providers; }

    @Override
    public CapacityLedger capacity() { return capacity; }

    @Override
    public InstanceRepository instances() { return instances; }

    @Override
    public WebhookReceipts webhookReceipts() { return webhookReceipts; }

    @Override
    public PriceRepository prices() { return prices; }

    @Override
    public PricingRounds pricingRounds() { return pricingRounds; }

    @Override
    public GroupBuyStore groupBuys() { return groupBuys; }

    @Override
    public DisputeRepository disputes() { return disputes; }

    @Override
    public RewardStore rewards() { return rewards; }
}
