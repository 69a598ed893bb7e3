package io.cyberplaza.core.fakes;

import io.cyberplaza.core.store.StoreSet;
import io.cyberplaza.core.store.Stores;

/** A fresh, empty set of the in-memory fakes. */
public final class InMemoryStores {
    private InMemoryStores() {
    }

    public static Stores empty() {
        return new StoreSet(new InMemoryOrderRepository(), new InMemoryQuoteRepository(), new InMemoryLoginNonces(),
                new InMemoryDepositLedger(), new InMemoryChainCursorStore(), new InMemorySettlementRepository(),
                new InMemoryTransactionOutbox(), new InMemoryAccountRepository(), new InMemoryIdempotencyStore(),
                new InMemoryRequestCounter(), new InMemoryListingRepository(), new InMemoryProviderRepository(),
                new InMemoryCapacityLedger(), new InMemoryInstanceRepository(), new InMemoryWebhookReceipts(),
                new InMemoryPriceRepository(), new InMemoryPricingRounds(), new InMemoryGroupBuyStore(),
                new InMemoryDisputeRepository(), new InMemoryRewardStore());
    }
}
