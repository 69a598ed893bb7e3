package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.contract.PriceRepositoryContract;
import io.cyberplaza.core.contract.PricingRoundsContract;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.contract.InstanceRepositoryContract;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.cyberplaza.core.contract.AccountRepositoryContract;
import io.cyberplaza.core.contract.IdempotencyStoreContract;
import io.cyberplaza.core.contract.RequestCounterContract;
import io.cyberplaza.core.contract.CapacityLedgerContract;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.contract.ListingRepositoryContract;
import io.cyberplaza.core.contract.ProviderRepositoryContract;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.contract.ChainCursorStoreContract;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract suite of the core, run unchanged against DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoStoresTest {
    private DynamoStores stores;

    @BeforeEach
    void connect(DynamoStores stores) {
        this.stores = stores;
    }

    @Nested
    class Orders extends OrderRepositoryContract {
        @Override
        protected OrderRepository repository() {
            return stores.orders();
        }
    }

    @Nested
    class Quotes extends QuoteRepositoryContract {
        @Override
        protected QuoteRepository repository() {
            return stores.quotes();
        }
    }

    @Nested
    class Nonces extends LoginNoncesContract {
        @Override
        protected LoginNonces nonces() {
            return stores.loginNonces();
        }
    }

    @Nested
    class Deposits extends DepositLedgerContract {
        @Override
        protected DepositLedger ledger() {
            return stores.deposits();
        }
    }

    @Nested
    class Cursors extends ChainCursorStoreContract {
        @Override
        protected ChainCursorStore store() {
            return stores.cursors();
        }
    }

    @Nested
    class Settlements extends SettlementRepositoryContract {
        @Override
        protected SettlementRepository repository() {
            return stores.settlements();
        }
    }

    @Nested
    class Outbox extends TransactionOutboxContract {
        @Override
        protected TransactionOutbox outbox() {
            return stores.outbox();
        }
    }

    @Nested
    class Accounts extends AccountRepositoryContract {
        @Override
        protected AccountRepository repository() {
            return stores.accounts();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected IdempotencyStore store() {
            return stores.idempotency();
        }
    }

    @Nested
    class RateLimits extends RequestCounterContract {
        @Override
        protected RequestCounter counter() {
            return stores.requestCounter();
        }
    }

    @Nested
    class Listings extends ListingRepositoryContract {
        @Override
        protected ListingRepository repository() {
            return stores.listings();
        }
    }

    @Nested
    class Providers extends ProviderRepositoryContract {
        @Override
        protected ProviderRepository repository() {
            return stores.providers();
        }
    }

    @Nested
    class Capacity extends CapacityLedgerContract {
        @Override
        protected CapacityLedger ledger() {
            return stores.capacity();
        }
    }

    @Nested
    class Instances extends InstanceRepositoryContract {
        @Override
        protected InstanceRepository instances() {
            return stores.instances();
        }

        @Override
        protected WebhookReceipts receipts() {
            return stores.webhookReceipts();
        }
    }

    @Nested
    class Prices extends PriceRepositoryContract {
        @Override
        protected PriceRepository repository() {
            return stores.prices();
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger ROUND_DAYS = new java.util.concurrent.atomic.AtomicInteger();

    @Nested
    class Rounds extends PricingRoundsContract {
        @Override
        protected PricingRounds rounds() {
            return stores.pricingRounds();
        }

        @Override
        protected java.time.Instant day() {
            return java.time.Instant.parse("2099-11-24T10:00:00Z").plus(java.time.Duration.ofDays(ROUND_DAYS.getAndIncrement()));
        }
    }
}
