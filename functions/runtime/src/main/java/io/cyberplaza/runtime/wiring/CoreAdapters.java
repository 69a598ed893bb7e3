package io.cyberplaza.runtime.wiring;

import io.cyberplaza.chain.ChainEscrowDisputes;
import io.cyberplaza.chain.ChainEscrowSettler;
import io.cyberplaza.chain.ChainContractSignatures;
import io.cyberplaza.chain.ChainPermitNonces;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.dispute.EscrowDisputes;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.chain.ChainTokenState;
import io.cyberplaza.chain.PermitDomain;
import io.cyberplaza.core.escrow.PermitNonces;
import io.cyberplaza.core.auth.ContractSignatures;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.metrics.MeasuredOrderRepository;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.time.Clock;
import java.util.UUID;

/**
 * The core's ports on every cloud: each store port from the cloud's {@link Stores} (DynamoDB, Table
 * storage, Firestore), and the chain. A cloud's own wiring provides the Stores, the WorkQueue, the
 * SecretStore and the Metrics.
 */
@Factory
public class CoreAdapters {
    /** The senders of the escrow's dispute roles, beside the settler's (the primary one). */
    public static final String ARBITER = "arbiter";
    public static final String GUARDIAN = "guardian";
    public static final String REWARDS_PUBLISHER = "rewards-publisher";

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    OrderRepository orders(Stores stores, Metrics metrics) {
        return new MeasuredOrderRepository(stores.orders(), metrics);
    }

    @Singleton
    QuoteRepository quotes(Stores stores) {
        return stores.quotes();
    }

    @Singleton
    DepositLedger deposits(Stores stores) {
        return stores.deposits();
    }

    @Singleton
    ChainCursorStore cursors(Stores stores) {
        return stores.cursors();
    }

    @Singleton
    SettlementRepository settlements(Stores stores) {
        return stores.settlements();
    }

    @Singleton
    TransactionOutbox outbox(Stores stores) {
        return stores.outbox();
    }

    @Singleton
    AccountRepository accounts(Stores stores) {
        return stores.accounts();
    }

    @Singleton
    IdempotencyStore idempotency(Stores stores) {
        return stores.idempotency();
    }

    @Singleton
    RequestCounter requestCounter(Stores stores) {
        return stores.requestCounter();
    }

    @Singleton
    LoginNonces loginNonces(Stores stores) {
        return stores.loginNonces();
    }

    @Singleton
    ListingRepository listings(Stores stores) {
        return stores.listings();
    }

    @Singleton
    CapacityLedger capacity(Stores stores) {
        return stores.capacity();
    }

    @Singleton
    ProviderRepository providers(Stores stores) {
        return stores.providers();
    }

    @Bean(preDestroy = "shutdown")
    @Singleton
    Web3j web3j(@Value("${cyberplaza.chain.rpc-url}") String rpcUrl) {
        return Web3j.build(new HttpService(rpcUrl));
    }

    /** Made when the function starts, so a permit domain that is not the token's stops it there (see {@link PermitDomain}). */
    @Context
    @Requires(property = "cyberplaza.chain.token")
    EscrowInfo escrowInfo(Web3j web3j,
                          @Value("${cyberplaza.chain.chain-id}") long chainId,
                          @Value("${cyberplaza.chain.escrow}") String escrow,
                          @Value("${cyberplaza.chain.token}") String token,
                          @Value("${cyberplaza.chain.token-name:USD Coin}") String tokenName,
                          @Value("${cyberplaza.chain.token-version:2}") String tokenVersion) {
        EscrowInfo info = new EscrowInfo(chainId, escrow.toLowerCase(), token.toLowerCase(), tokenName, tokenVersion);
        PermitDomain.verify(web3j, info);
        return info;
    }

    @Singleton
    TokenGuard tokenGuard(Web3j web3j, EscrowInfo escrow, Metrics metrics, Clock clock) {
        return new TokenGuard(new ChainTokenState(web3j, escrow.token(), escrow.escrow()), metrics, TokenGuard.Settings.defaults(), clock);
    }

    @Singleton
    PermitNonces permitNonces(Web3j web3j, EscrowInfo escrow) {
        return new ChainPermitNonces(web3j, escrow.token());
    }

    @Singleton
    ContractSignatures contractSignatures(Web3j web3j) {
        return new ChainContractSignatures(web3j);
    }

    @Primary
    @Singleton
    TransactionSender settlementSender(Web3j web3j, EscrowInfo escrow, TransactionOutbox outbox, Clock clock, SecretStore secrets) {
        return sender(SecretStore.SETTLER_KEY, "settler", web3j, escrow, outbox, clock, secrets);
    }

    @Named(ARBITER)
    @Singleton
    TransactionSender arbiterSender(Web3j web3j, EscrowInfo escrow, TransactionOutbox outbox, Clock clock, SecretStore secrets) {
        return sender(SecretStore.ARBITER_KEY, ARBITER, web3j, escrow, outbox, clock, secrets);
    }

    @Named(GUARDIAN)
    @Singleton
    TransactionSender guardianSender(Web3j web3j, EscrowInfo escrow, TransactionOutbox outbox, Clock clock, SecretStore secrets) {
        return sender(SecretStore.GUARDIAN_KEY, GUARDIAN, web3j, escrow, outbox, clock, secrets);
    }

    /** The rewards publisher's sender: its key pays only the distributor and proposes only revocable roots. */
    @Named(REWARDS_PUBLISHER)
    @Singleton
    TransactionSender rewardsPublisherSender(Web3j web3j, EscrowInfo escrow, TransactionOutbox outbox, Clock clock, SecretStore secrets) {
        return sender(SecretStore.REWARDS_PUBLISHER_KEY, REWARDS_PUBLISHER, web3j, escrow, outbox, clock, secrets);
    }

    private static TransactionSender sender(String secret, String role, Web3j web3j, EscrowInfo escrow, TransactionOutbox outbox,
                                            Clock clock, SecretStore secrets) {
        Credentials key = Credentials.create(secrets.get(secret));
        // Each container is its own worker: the nonce lease tells concurrent containers apart.
        return new TransactionSender(web3j, key, escrow.chainId(), outbox, TransactionSender.Settings.defaults(), clock,
                role + "-" + UUID.randomUUID());
    }

    @Singleton
    EscrowDisputes escrowDisputes(Web3j web3j, TransactionSender settler, @Named(ARBITER) BeanProvider<TransactionSender> arbiter,
                                  @Named(GUARDIAN) BeanProvider<TransactionSender> guardian, TransactionOutbox outbox, EscrowInfo escrow,
                                  @Value("${cyberplaza.chain.timelock}") String timelock) {
        return new ChainEscrowDisputes(web3j, settler, arbiter::get, guardian::get, outbox, escrow.escrow(), timelock.toLowerCase());
    }

    @Singleton
    DisputeRepository disputes(Stores stores) {
        return stores.disputes();
    }

    @Singleton
    EscrowSettler escrowSettler(Web3j web3j, TransactionSender sender, TransactionOutbox outbox, EscrowInfo escrow) {
        return new ChainEscrowSettler(web3j, sender, outbox, escrow.escrow());
    }

    @Singleton
    GroupBuyStore groupBuys(Stores stores) {
        return stores.groupBuys();
    }

    @Singleton
    InstanceRepository instances(Stores stores) {
        return stores.instances();
    }

    @Singleton
    WebhookReceipts webhookReceipts(Stores stores) {
        return stores.webhookReceipts();
    }

    @Singleton
    PriceRepository prices(Stores stores) {
        return stores.prices();
    }

    @Singleton
    PricingRounds pricingRounds(Stores stores) {
        return stores.pricingRounds();
    }

    @Singleton
    RewardStore rewards(Stores stores) {
        return stores.rewards();
    }
}
