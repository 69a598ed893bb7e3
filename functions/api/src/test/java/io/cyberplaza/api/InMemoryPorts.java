package io.cyberplaza.api;

import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.dispute.DisputeRepository;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.cyberplaza.core.escrow.PermitNonces;
import io.cyberplaza.core.escrow.TokenGuard;
import io.cyberplaza.core.fakes.FakeProvisioner;
import io.cyberplaza.core.fakes.InMemoryAccountRepository;
import io.cyberplaza.core.fakes.InMemoryCapacityLedger;
import io.cyberplaza.core.fakes.InMemoryDisputeRepository;
import io.cyberplaza.core.fakes.InMemoryGroupBuyStore;
import io.cyberplaza.core.fakes.InMemoryIdempotencyStore;
import io.cyberplaza.core.fakes.InMemoryInstanceRepository;
import io.cyberplaza.core.fakes.InMemoryListingRepository;
import io.cyberplaza.core.fakes.InMemoryLoginNonces;
import io.cyberplaza.core.fakes.InMemoryOrderRepository;
import io.cyberplaza.core.fakes.InMemoryPriceRepository;
import io.cyberplaza.core.fakes.InMemoryPricingRounds;
import io.cyberplaza.core.fakes.InMemoryProviderRepository;
import io.cyberplaza.core.fakes.InMemoryQuoteRepository;
import io.cyberplaza.core.fakes.InMemoryRequestCounter;
import io.cyberplaza.core.fakes.InMemorySecretStore;
import io.cyberplaza.core.fakes.InMemorySettlementRepository;
import io.cyberplaza.core.fakes.InMemoryWebhookReceipts;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingEscrowDisputes;
import io.cyberplaza.core.fakes.RecordingMetrics;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import io.cyberplaza.core.fakes.StaticVeLedger;
import io.cyberplaza.core.fakes.SwitchableTokenState;
import io.cyberplaza.core.ve.FeeDiscounts;
import io.cyberplaza.core.ve.VeView;
import io.cyberplaza.core.fakes.TestOffers;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.SlaTerms;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.pricing.Peg;
import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.provisioner.aws.Ec2Vendor;
import io.cyberplaza.provisioner.azure.AzureComputeVendor;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The API's ports, in memory: the controllers are tested over real HTTP without any cloud. */
@Factory
@Requires(env = "test")
public class InMemoryPorts {
    public static final String WEBHOOK_KEY = "test-webhook-key-0123456789abcdef";
    public static final String OTHER_VENDOR_KEY = "another-vendors-webhook-key-fedcba9876543210";
    public static final EscrowInfo ESCROW = new EscrowInfo(31337, "0x00000000000000000000000000000000000000e5",
            "0x00000000000000000000000000000000000000c0", "Test USDC", "1");

    @Singleton
    MutableClock clock() {
        return new MutableClock();
    }

    @Singleton
    ListingRepository listings(MutableClock clock) {
        InMemoryListingRepository listings = new InMemoryListingRepository();
        listings.create(new Listing(TestOffers.LOCAL_CPU, ListingStatus.ACTIVE, new SlaTerms(9_950, 5), List.of(), null, 1, clock.instant()));
        return listings;
    }

    /** USDC at par, as the oracle read it just now. */
    @Singleton
    InMemoryPriceRepository prices(MutableClock clock) {
        InMemoryPriceRepository prices = new InMemoryPriceRepository();
        prices.publish(List.of(new PriceAggregator.Price(Peg.KEY, 1_000_000L, 1, List.of("chainlink-usdc-usd"))), clock.instant());
        return prices;
    }

    @Singleton
    InMemoryPricingRounds pricingRounds() {
        return new InMemoryPricingRounds();
    }

    @Singleton
    CapacityLedger capacity() {
        return new InMemoryCapacityLedger();
    }

    @Singleton
    ProviderRepository providers() {
        return new InMemoryProviderRepository();
    }

    @Singleton
    QuoteRepository quotes() {
        return new InMemoryQuoteRepository();
    }

    @Singleton
    OrderRepository orders() {
        return new InMemoryOrderRepository();
    }

    @Singleton
    SettlementRepository settlements() {
        return new InMemorySettlementRepository();
    }

    @Singleton
    DisputeRepository disputes() {
        return new InMemoryDisputeRepository();
    }

    @Singleton
    RecordingEscrowDisputes escrowDisputes() {
        return new RecordingEscrowDisputes();
    }

    @Singleton
    RecordingMetrics metrics() {
        return new RecordingMetrics();
    }

    @Singleton
    LoginNonces nonces() {
        return new InMemoryLoginNonces();
    }

    @Singleton
    RecordingWorkQueue queue() {
        return new RecordingWorkQueue();
    }

    @Singleton
    FakeProvisioner provisioner(MutableClock clock) {
        return new FakeProvisioner(clock);
    }

    @Singleton
    Provisioners provisioners(FakeProvisioner provisioner) {
        return new Provisioners(List.of(provisioner));
    }

    @Singleton
    EscrowInfo escrow() {
        return ESCROW;
    }

    @Singleton
    SwitchableTokenState tokenState() {
        return new SwitchableTokenState();
    }

    /** veCPT holdings a test sets; the node can be made unreachable. */
    @Singleton
    StaticVeLedger veLedger() {
        return new StaticVeLedger();
    }

    @Singleton
    FeeDiscounts feeDiscounts(StaticVeLedger ledger, MutableClock clock) {
        return new FeeDiscounts(ledger, FeeDiscounts.WHITEPAPER_TIERS, clock);
    }

    @Singleton
    VeView veView(StaticVeLedger ledger, FeeDiscounts discounts) {
        return new VeView(ledger, discounts, new VeView.Contracts("0x00000000000000000000000000000000000000e6",
                "0x00000000000000000000000000000000000000e7"));
    }

    /** Re-reads the token on every request, so a test's switch takes effect at once. */
    @Singleton
    TokenGuard tokenGuard(SwitchableTokenState token, RecordingMetrics metrics, MutableClock clock) {
        return new TokenGuard(token, metrics, new TokenGuard.Settings(Duration.ZERO, Duration.ofMinutes(5)), clock);
    }

    /** The token's permit nonces, 7 for everyone, or unreadable while a test says the node is down. */
    public static final class BlinkingPermitNonces implements PermitNonces {
        public volatile boolean unreachable;

        @Override
        public BigInteger nonceOf(String owner) {
            if (unreachable) throw new java.io.UncheckedIOException("cannot read the permit nonce of " + owner, new java.io.IOException("node down"));
            return BigInteger.valueOf(7);
        }
    }

    /**
     * Contract accounts as the chain answers for them: each accepts a digest signed raw by the key a
     * test names as its owner (as a 1-of-1 Safe does), or cannot be asked while the node is down.
     */
    public static final class OwnedContractAccounts implements io.cyberplaza.core.auth.ContractSignatures {
        public final java.util.Map<String, String> ownerOf = new java.util.concurrent.ConcurrentHashMap<>();
        public final java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        public volatile boolean unreachable;

        @Override
        public boolean accepts(String account, byte[] digest, byte[] signature) {
            asked.incrementAndGet();
            if (unreachable) {
                throw new io.cyberplaza.core.error.DomainException(io.cyberplaza.core.error.ErrorType.CHAIN_UNAVAILABLE, "node down");
            }
            String owner = ownerOf.get(account);
            if (owner == null || signature.length != 65) return false;
            var data = new org.web3j.crypto.Sign.SignatureData(signature[64], java.util.Arrays.copyOfRange(signature, 0, 32),
                    java.util.Arrays.copyOfRange(signature, 32, 64));
            try {
                return owner.equals("0x" + org.web3j.crypto.Keys.getAddress(org.web3j.crypto.Sign.signedMessageHashToKey(digest, data)));
            } catch (java.security.SignatureException | RuntimeException e) {
                return false;
            }
        }
    }

    @Singleton
    OwnedContractAccounts contractAccounts() {
        return new OwnedContractAccounts();
    }

    @Singleton
    BlinkingPermitNonces permitNonces() {
        return new BlinkingPermitNonces();
    }

    @Singleton
    AccountRepository accounts() {
        return new InMemoryAccountRepository();
    }

    @Singleton
    InMemoryIdempotencyStore idempotency() {
        return new InMemoryIdempotencyStore();
    }

    @Singleton
    RequestCounter requestCounter() {
        return new InMemoryRequestCounter();
    }

    @Singleton
    InMemoryInstanceRepository instances() {
        return new InMemoryInstanceRepository();
    }

    @Singleton
    InMemoryWebhookReceipts webhookReceipts() {
        return new InMemoryWebhookReceipts();
    }

    @Singleton
    SecretStore secrets() {
        return new InMemorySecretStore().with(SecretStore.JWT_SIGNING_KEY, "test-only-secret-that-is-long-enough-for-hs256-0123456789")
                .with(Ec2Vendor.WEBHOOK_KEY_SECRET, WEBHOOK_KEY).with(AzureComputeVendor.WEBHOOK_KEY_SECRET, WEBHOOK_KEY)
                .with(SecretStore.COUPON_WEBHOOK_KEYS, "{\"acme-gpu\":\"" + WEBHOOK_KEY + "\",\"bolt-cloud\":\"" + OTHER_VENDOR_KEY + "\"}")
                .with(SecretStore.COUPON_FINGERPRINT_KEY, "ZmluZ2VycHJpbnQta2V5LWZvci10ZXN0cy0wMTIzNDU2Nzg5YWJjZGVm")
                .with(SecretStore.COUPON_CODE_KEY, "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    }

    @Singleton
    GroupBuyStore groupBuys() {
        return new InMemoryGroupBuyStore();
    }
}
