package io.cyberplaza.core.contract;

import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
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
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.cyberplaza.core.store.Stores;
import org.junit.jupiter.api.Nested;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every store contract of the core, run unchanged against one cloud's {@link Stores}: extend it and
 * say where the stores are. Each test reads {@link #stores()} once it starts, so a subclass may
 * open its stores in a {@code @BeforeEach}.
 */
public abstract class StoreContractSuite {
    /** Far ahead of the real clock: stores that expire items by TTL do so against the real time. */
    private static final Instant FAR_AHEAD = Instant.parse("2099-11-24T10:00:00Z");
    private static final AtomicInteger ROUND_DAYS = new AtomicInteger();

    protected abstract Stores stores();

    @Nested
    class Disputes extends DisputeRepositoryContract {
        @Override
        protected DisputeRepository repository() {
            return stores().disputes();
        }
    }

    @Nested
    class Orders extends OrderRepositoryContract {
        @Override
        protected OrderRepository repository() {
            return stores().orders();
        }
    }

    @Nested
    class Quotes extends QuoteRepositoryContract {
        @Override
        protected QuoteRepository repository() {
            return stores().quotes();
        }
    }

    @Nested
    class Nonces extends LoginNoncesContract {
        @Override
        protected LoginNonces nonces() {
            return stores().loginNonces();
        }
    }

    @Nested
    class Deposits extends DepositLedgerContract {
        @Override
        protected DepositLedger ledger() {
            return stores().deposits();
        }
    }

    @Nested
    class Cursors extends ChainCursorStoreContract {
        @Override
        protected ChainCursorStore store() {
            return stores().cursors();
        }
    }

    @Nested
    class Rewards extends RewardStoreContract {
        @Override
        protected RewardStore store() {
            return stores().rewards();
        }
    }

    @Nested
    class Settlements extends SettlementRepositoryContract {
        @Override
        protected SettlementRepository repository() {
            return stores().settlements();
        }
    }

    @Nested
    class Outbox extends TransactionOutboxContract {
        @Override
        protected TransactionOutbox outbox() {
            return stores().outbox();
        }
    }

    @Nested
    class Accounts extends AccountRepositoryContract {
        @Override
        protected AccountRepository repository() {
            return stores().accounts();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected IdempotencyStore store() {
            return stores().idempotency();
        }
    }

    @Nested
    class RateLimits extends RequestCounterContract {
        @Override
        protected RequestCounter counter() {
            return stores().requestCounter();
        }
    }

    @Nested
    class Listings extends ListingRepositoryContract {
        @Override
        protected ListingRepository repository() {
            return stores().listings();
        }
    }

    @Nested
    class Providers extends ProviderRepositoryContract {
        @Override
        protected ProviderRepository repository() {
            return stores().providers();
        }
    }

    @Nested
    class Capacity extends CapacityLedgerContract {
        @Override
        protected CapacityLedger ledger() {
            return stores().capacity();
        }
    }

    @Nested
    class Instances extends InstanceRepositoryContract {
        @Override
        protected InstanceRepository instances() {
            return stores().instances();
        }

        @Override
        protected WebhookReceipts receipts() {
            return stores().webhookReceipts();
        }
    }

    @Nested
    class Prices extends PriceRepositoryContract {
        @Override
        protected PriceRepository repository() {
            return stores().prices();
        }
    }

    @Nested
    class Rounds extends PricingRoundsContract {
        @Override
        protected PricingRounds rounds() {
            return stores().pricingRounds();
        }

        @Override
        protected Instant day() {
            return FAR_AHEAD.plus(Duration.ofDays(ROUND_DAYS.getAndIncrement()));
        }
    }

    @Nested
    class GroupBuys extends GroupBuyStoreContract {
        @Override
        protected GroupBuyStore store() {
            return stores().groupBuys();
        }
    }
}
