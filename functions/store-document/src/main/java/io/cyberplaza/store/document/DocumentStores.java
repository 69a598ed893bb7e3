package io.cyberplaza.store.document;

import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;

import java.time.Clock;
import java.util.List;

/**
 * Every store port over one document database. Collections are {@code <prefix><Name>}; the prefix
 * is letters and digits only, as Azure's table names must be.
 */
public final class DocumentStores implements Stores {
    /** The instant after which the database's TTL may remove a document (Firestore's TTL policy field). */
    public static final String EXPIRES_AT = "expiresAt";

    /** Every collection the ports use, by logical name; the infrastructure code creates each of them. */
    public static final List<String> COLLECTIONS = List.of("Orders", "Quotes", "LoginNonces", "Deposits", "ChainCursor",
            "Settlements", "TxOutbox", "Accounts", "IdempotencyKeys", "RateLimits", "Offers", "Providers", "Capacity",
            "Instances", "WebhookReceipts", "Prices", "PricingRounds");

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

    public DocumentStores(DocumentStore store, String prefix, Clock clock) {
        if (!prefix.matches("[A-Za-z][A-Za-z0-9]*|")) throw new IllegalArgumentException("a collection prefix is letters and digits, starting with a letter");
        this.orders = new DocumentOrderRepository(store, prefix + "Orders");
        this.quotes = new DocumentQuoteRepository(store, prefix + "Quotes");
        this.loginNonces = new DocumentLoginNonces(store, prefix + "LoginNonces");
        this.deposits = new DocumentDepositLedger(store, prefix + "Deposits");
        this.cursors = new DocumentChainCursorStore(store, prefix + "ChainCursor", clock);
        this.settlements = new DocumentSettlementRepository(store, prefix + "Settlements");
        this.outbox = new DocumentTransactionOutbox(store, prefix + "TxOutbox", clock);
        this.accounts = new DocumentAccountRepository(store, prefix + "Accounts");
        this.idempotency = new DocumentIdempotencyStore(store, prefix + "IdempotencyKeys");
        this.requestCounter = new DocumentRequestCounter(store, prefix + "RateLimits");
        this.listings = new DocumentListingRepository(store, prefix + "Offers");
        this.providers = new DocumentProviderRepository(store, prefix + "Providers");
        this.capacity = new DocumentCapacityLedger(store, prefix + "Capacity");
        this.instances = new DocumentInstanceRepository(store, prefix + "Instances");
        this.webhookReceipts = new DocumentWebhookReceipts(store, prefix + "WebhookReceipts");
        this.prices = new DocumentPriceRepository(store, prefix + "Prices");
        this.pricingRounds = new DocumentPricingRounds(store, prefix + "PricingRounds", clock);
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
}
