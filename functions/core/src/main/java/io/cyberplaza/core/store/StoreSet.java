package io.cyberplaza.core.store;

import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;

/** {@link Stores} as a plain set of adapters, for a database whose adapters are built together. */
public record StoreSet(OrderRepository orders, QuoteRepository quotes, LoginNonces loginNonces, DepositLedger deposits,
                       ChainCursorStore cursors, SettlementRepository settlements, TransactionOutbox outbox,
                       AccountRepository accounts, IdempotencyStore idempotency, RequestCounter requestCounter,
                       ListingRepository listings, ProviderRepository providers, CapacityLedger capacity,
                       InstanceRepository instances, WebhookReceipts webhookReceipts, PriceRepository prices,
                       PricingRounds pricingRounds, GroupBuyStore groupBuys, DisputeRepository disputes,
                       RewardStore rewards) implements Stores {
}
