package io.cyberplaza.store.document;

import io.cyberplaza.core.store.StoreSet;
import io.cyberplaza.core.store.Stores;

import java.time.Clock;
import java.util.List;

/**
 * Every store port over one document database. Collections are {@code <prefix><Name>}; the prefix
 * is letters and digits only, as Azure's table names must be.
 */
public final class DocumentStores {
    /** The instant after which the database's TTL may remove a document (Firestore's TTL policy field). */
    public static final String EXPIRES_AT = "expiresAt";

    /** Every collection the ports use, by logical name; the infrastructure code creates each of them. */
    public static final List<String> COLLECTIONS = List.of("Orders", "Quotes", "LoginNonces", "Deposits", "ChainCursor",
            "Settlements", "TxOutbox", "Accounts", "IdempotencyKeys", "RateLimits", "Offers", "Providers", "Capacity",
            "Instances", "WebhookReceipts", "Prices", "PricingRounds", "GroupBuys", "Disputes", "Rewards");

    private DocumentStores() {
    }

    public static Stores open(DocumentStore store, String prefix, Clock clock) {
        if (!prefix.matches("[A-Za-z][A-Za-z0-9]*|")) throw new IllegalArgumentException("a collection prefix is letters and digits, starting with a letter");
        return new StoreSet(
                new DocumentOrderRepository(store, prefix + "Orders"),
                new DocumentQuoteRepository(store, prefix + "Quotes"),
                new DocumentLoginNonces(store, prefix + "LoginNonces"),
                new DocumentDepositLedger(store, prefix + "Deposits"),
                new DocumentChainCursorStore(store, prefix + "ChainCursor", clock),
                new DocumentSettlementRepository(store, prefix + "Settlements"),
                new DocumentTransactionOutbox(store, prefix + "TxOutbox", clock),
                new DocumentAccountRepository(store, prefix + "Accounts"),
                new DocumentIdempotencyStore(store, prefix + "IdempotencyKeys"),
                new DocumentRequestCounter(store, prefix + "RateLimits"),
                new DocumentListingRepository(store, prefix + "Offers"),
                new DocumentProviderRepository(store, prefix + "Providers"),
                new DocumentCapacityLedger(store, prefix + "Capacity"),
                new DocumentInstanceRepository(store, prefix + "Instances"),
                new DocumentWebhookReceipts(store, prefix + "WebhookReceipts"),
                new DocumentPriceRepository(store, prefix + "Prices"),
                new DocumentPricingRounds(store, prefix + "PricingRounds", clock),
                new DocumentGroupBuyStore(store, prefix + "GroupBuys"),
                new DocumentDisputeRepository(store, prefix + "Disputes"),
                new DocumentRewardStore(store, prefix + "Rewards"));
    }
}
