package io.cyberplaza.core.fakes;

import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.contract.PriceRepositoryContract;
import io.cyberplaza.core.contract.PricingRoundsContract;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.contract.InstanceRepositoryContract;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.cyberplaza.core.contract.AccountRepositoryContract;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.contract.CapacityLedgerContract;
import io.cyberplaza.core.contract.ChainCursorStoreContract;
import io.cyberplaza.core.contract.ListingRepositoryContract;
import io.cyberplaza.core.contract.ProviderRepositoryContract;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.contract.RequestCounterContract;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.contract.IdempotencyStoreContract;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.contract.DepositLedgerContract;
import io.cyberplaza.core.contract.LoginNoncesContract;
import io.cyberplaza.core.contract.OrderRepositoryContract;
import io.cyberplaza.core.contract.QuoteRepositoryContract;
import io.cyberplaza.core.contract.SettlementRepositoryContract;
import io.cyberplaza.core.contract.TransactionOutboxContract;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import org.junit.jupiter.api.Nested;

/** The fakes the core's unit tests use must behave like the real stores: same contract suite. */
class InMemoryStoresTest {

    @Nested
    class Orders extends OrderRepositoryContract {
        @Override
        protected OrderRepository repository() {
            return new InMemoryOrderRepository();
        }
    }

    @Nested
    class Quotes extends QuoteRepositoryContract {
        @Override
        protected QuoteRepository repository() {
            return new InMemoryQuoteRepository();
        }
    }

    @Nested
    class Nonces extends LoginNoncesContract {
        @Override
        protected LoginNonces nonces() {
            return new InMemoryLoginNonces();
        }
    }

    @Nested
    class Deposits extends DepositLedgerContract {
        @Override
        protected DepositLedger ledger() {
            return new InMemoryDepositLedger();
        }
    }

    @Nested
    class Cursors extends ChainCursorStoreContract {
        @Override
        protected ChainCursorStore store() {
            return new InMemoryChainCursorStore();
        }
    }

    @Nested
    class Settlements extends SettlementRepositoryContract {
        @Override
        protected SettlementRepository repository() {
            return new InMemorySettlementRepository();
        }
    }

    @Nested
    class Outbox extends TransactionOutboxContract {
        @Override
        protected TransactionOutbox outbox() {
            return new InMemoryTransactionOutbox();
        }
    }

    @Nested
    class Accounts extends AccountRepositoryContract {
        @Override
        protected AccountRepository repository() {
            return new InMemoryAccountRepository();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected IdempotencyStore store() {
            return new InMemoryIdempotencyStore();
        }
    }

    @Nested
    class RateLimits extends RequestCounterContract {
        @Override
        protected RequestCounter counter() {
            return new InMemoryRequestCounter();
        }
    }

    @Nested
    class Listings extends ListingRepositoryContract {
        @Override
        protected ListingRepository repository() {
            return new InMemoryListingRepository();
        }
    }

    @Nested
    class Providers extends ProviderRepositoryContract {
        @Override
        protected ProviderRepository repository() {
            return new InMemoryProviderRepository();
        }
    }

    @Nested
    class Capacity extends CapacityLedgerContract {
        @Override
        protected CapacityLedger ledger() {
            return new InMemoryCapacityLedger();
        }
    }

    @Nested
    class Instances extends InstanceRepositoryContract {
        private final InMemoryInstanceRepository instances = new InMemoryInstanceRepository();
        private final InMemoryWebhookReceipts receipts = new InMemoryWebhookReceipts();

        @Override
        protected InstanceRepository instances() {
            return instances;
        }

        @Override
        protected WebhookReceipts receipts() {
            return receipts;
        }
    }

    @Nested
    class Prices extends PriceRepositoryContract {
        @Override
        protected PriceRepository repository() {
            return new InMemoryPriceRepository();
        }
    }

    @Nested
    class Rounds extends PricingRoundsContract {
        @Override
        protected PricingRounds rounds() {
            return new InMemoryPricingRounds();
        }

        @Override
        protected java.time.Instant day() {
            return java.time.Instant.parse("2099-11-24T10:00:00Z");
        }
    }
}
