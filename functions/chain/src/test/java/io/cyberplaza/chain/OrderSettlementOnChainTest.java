package io.cyberplaza.chain;

import io.cyberplaza.core.fakes.TestMarket;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.core.fakes.FakeProvisioner;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.fakes.RecordingWorkQueue;
import io.cyberplaza.core.fakes.StaticOfferCatalog;
import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.order.OrderFunding;
import io.cyberplaza.core.order.OrderService;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.quote.QuoteService;
import io.cyberplaza.core.run.CompletionService;
import io.cyberplaza.core.run.ProvisionService;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.settlement.SettlementCalculator;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.core.settlement.SettlementStatus;
import io.cyberplaza.core.tx.TxStatus;
import io.cyberplaza.store.dynamodb.DynamoDbLocalExtension;
import io.cyberplaza.store.dynamodb.DynamoStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The core's order lifecycle wired to the real chain adapter and DynamoDB: a deposit on the Hardhat
 * node funds the order, and the settlement it computes lands on chain with the same figures.
 */
@ExtendWith({HardhatExtension.class, DynamoDbLocalExtension.class})
class OrderSettlementOnChainTest {
    private static final int CONFIRMATIONS = 2;

    private final LocalChain chain;
    private final DynamoStores stores;
    private EscrowFixture f;
    private Credentials provider;
    private MutableClock clock;
    private EscrowEventIngestor ingestor;
    private TransactionSender sender;
    private QuoteService quotes;
    private OrderService orders;
    private ProvisionService provisioning;
    private CompletionService completion;
    private SettlementService settlement;
    private ChainEscrowSettler escrowSettler;

    OrderSettlementOnChainTest(LocalChain chain, DynamoStores stores) {
        this.chain = chain;
        this.stores = stores;
    }

    @BeforeEach
    void wire() throws Exception {
        f = new EscrowFixture(chain);
        provider = chain.newAccount();
        clock = new MutableClock();
        RecordingWorkQueue queue = new RecordingWorkQueue();
        Offer offer = new Offer("local-cpu", "sp-1", provider.getAddress().toLowerCase(), "A local core", ResourceType.CPU,
                "local", "core", 10_000_000L, FeeTier.BASIC, "local-process", List.of("prime-sieve"), 4, 24);
        quotes = new QuoteService(new StaticOfferCatalog(offer), TestMarket.atPar(clock), stores.quotes(), clock);
        orders = new OrderService(stores.quotes(), stores.orders(), clock);
        Provisioners provisioners = new Provisioners(List.of(new FakeProvisioner(clock)));
        provisioning = new ProvisionService(stores.orders(), provisioners, stores.instances(), queue, io.cyberplaza.core.metrics.Metrics.NONE, clock, "test",
                stores.idempotency());
        completion = new CompletionService(stores.orders(), provisioners, queue, clock);
        sender = new TransactionSender(chain.web3j(), f.settler, chain.chainId(), stores.outbox(),
                TransactionSender.Settings.defaults(), clock, "settle-worker");
        escrowSettler = new ChainEscrowSettler(chain.web3j(), sender, stores.outbox(), f.deployment.escrow());
        OrderFunding funding = new OrderFunding(stores.orders(), queue, io.cyberplaza.core.metrics.Metrics.NONE,
                OrderFunding.ResourceStop.NONE, clock);
        EscrowEventRouter router = new EscrowEventRouter(stores.deposits(), stores.settlements(), List.of(funding),
                settlementVia(escrowSettler)::redecide, EscrowEventRouter.DisputeEvents.NONE);
        ingestor = new EscrowEventIngestor(chain.web3j(), chain.chainId(), f.deployment.escrow(), stores.cursors(), router,
                new EscrowEventIngestor.Settings(CONFIRMATIONS, 500, chain.blockNumber(), 64));
    }

    private SettlementService settlementVia(EscrowSettler settler) {
        return new SettlementService(stores.orders(), stores.settlements(), settler, clock);
    }

    private Order stored(String orderId) {
        return stores.orders().find(orderId).orElseThrow();
    }

    private void confirmAndIngest() throws Exception {
        chain.mine(CONFIRMATIONS);
        ingestor.poll();
    }

    /** Quote, order, permit deposit, funding, launch, half an hour, completion by the buyer. */
    private Order runToCompletion(Credentials payer) throws Exception {
        var quote = quotes.quote(payer.getAddress().toLowerCase(),
                new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
        Order order = orders.create(payer.getAddress().toLowerCase(), quote.quoteId());
        f.depositWithPermit(payer, order.orderId(), order.escrowAmount());
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.FUNDED);
        provisioning.provision(order.orderId());
        clock.advance(Duration.ofMinutes(30));
        completion.completeByOwner(payer.getAddress().toLowerCase(), order.orderId());
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLING);
        return stored(order.orderId());
    }

    @Test
    void theComputedSplitIsWhatTheEscrowPaysOut() throws Exception {
        Credentials payer = f.fundedPayer(12_000_000L);
        Order order = runToCompletion(payer);

        List<Settlement> sent = settlementVia(escrowSettler).settle(List.of(order.orderId()));
        assertThat(sent).hasSize(1);
        Settlement split = stores.settlements().find(order.orderId()).orElseThrow();
        assertThat(sender.awaitFinal(split.outboxTxId(), Duration.ofSeconds(30)).status()).isEqualTo(TxStatus.CONFIRMED);
        confirmAndIngest();

        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLED);
        assertThat(stores.settlements().find(order.orderId()).orElseThrow().status()).isEqualTo(SettlementStatus.CONFIRMED);
        assertThat(split.fee()).isEqualTo(250_000L);           // 5 % of 5 USDC
        assertThat(split.providerAmount()).isEqualTo(4_750_000L);
        assertThat(split.refund()).isEqualTo(7_000_000L);

        ComputeEscrow view = f.escrowAs(f.admin);
        ComputeEscrow.Order held = f.order(payer, order.orderId());
        assertThat(held.amount).as("the slot now holds the payout").isEqualTo(BigInteger.valueOf(split.providerAmount()));
        assertThat(held.provider).isEqualToIgnoringCase(provider.getAddress());
        assertThat(view.accruedFees().send().add(view.insuranceReserve().send())).isEqualTo(BigInteger.valueOf(split.fee()));
        f.escrowAs(payer).withdrawRefund().send();
        assertThat(f.usdcBalance(payer.getAddress())).isEqualTo(BigInteger.valueOf(split.refund()));
    }

    @Test
    void aSettlementMarkedButNeverSentIsSentOnceByRecovery() throws Exception {
        Credentials payer = f.fundedPayer(12_000_000L);
        Order order = runToCompletion(payer);
        AtomicBoolean crashed = new AtomicBoolean();
        EscrowSettler crashesOnce = new EscrowSettler() {
            @Override
            public void submit(String txId, List<Settlement> batch) {
                if (crashed.compareAndSet(false, true)) throw new IllegalStateException("worker killed");
                escrowSettler.submit(txId, batch);
            }

            @Override
            public boolean isRecorded(String txId) {
                return escrowSettler.isRecorded(txId);
            }

            @Override
            public boolean carries(String txId, String orderId) {
                return escrowSettler.carries(txId, orderId);
            }

            @Override
            public boolean isReverted(String txId) {
                return escrowSettler.isReverted(txId);
            }

            @Override
            public boolean resendIfDropped(String txId) {
                return escrowSettler.resendIfDropped(txId);
            }

            @Override
            public java.util.OptionalLong openBalance(String owner, String orderId) {
                return escrowSettler.openBalance(owner, orderId);
            }
        };
        assertThatThrownBy(() -> settlementVia(crashesOnce).settle(List.of(order.orderId()))).hasMessageContaining("killed");
        settlementVia(crashesOnce).settle(List.of(order.orderId())); // the redelivered message finds it marked
        assertThat(settlementVia(crashesOnce).resubmitUnsent()).isEqualTo(1);
        assertThat(settlementVia(crashesOnce).resubmitUnsent()).isZero();

        String txId = stores.settlements().find(order.orderId()).orElseThrow().outboxTxId();
        assertThat(sender.awaitFinal(txId, Duration.ofSeconds(30)).status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(escrowSettler.carries(txId, order.orderId())).as("the recorded call names the order").isTrue();
        assertThat(escrowSettler.carries(txId, "0x" + "ab".repeat(32))).isFalse();
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLED);
        assertThat(stores.outbox().pending(sender.sender())).isEmpty();
    }

    @Test
    void aSettlementThatAReorganisationDeeperThanTheConfirmationsTookAwayIsSentAgainAndTheKeyIsNotLeftStuck() throws Exception {
        Credentials payer = f.fundedPayer(12_000_000L);
        Order order = runToCompletion(payer);
        String beforeTheSettlement = chain.snapshot();
        settlementVia(escrowSettler).settle(List.of(order.orderId()));
        Settlement split = stores.settlements().find(order.orderId()).orElseThrow();
        assertThat(sender.awaitFinal(split.outboxTxId(), Duration.ofSeconds(30)).status()).isEqualTo(TxStatus.CONFIRMED);
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLED);
        assertThat(settlementVia(escrowSettler).resubmitUnsent()).as("confirmed and still on the chain: nothing to do").isZero();

        // A longer chain without the settlement replaces the one that had it, from below the confirmation depth.
        chain.revert(beforeTheSettlement);
        chain.mine(CONFIRMATIONS + 3);
        ingestor.poll();
        assertThat(stored(order.orderId()).state()).as("noticed").isEqualTo(OrderState.SETTLING);
        assertThat(stores.settlements().find(order.orderId()).orElseThrow().status()).isEqualTo(SettlementStatus.SUBMITTED);
        assertThat(f.order(payer, order.orderId()).amount).as("the escrow holds the deposit again").isEqualTo(BigInteger.valueOf(12_000_000L));

        assertThat(settlementVia(escrowSettler).resubmitUnsent()).isEqualTo(1);
        assertThat(sender.awaitFinal(split.outboxTxId(), Duration.ofSeconds(30)).status()).isEqualTo(TxStatus.CONFIRMED);
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLED);
        assertThat(stores.settlements().find(order.orderId()).orElseThrow().status()).isEqualTo(SettlementStatus.CONFIRMED);
        assertThat(f.order(payer, order.orderId()).amount).as("paid once: the slot holds the payout").isEqualTo(BigInteger.valueOf(split.providerAmount()));
        assertThat(settlementVia(escrowSettler).resubmitUnsent()).isZero();

        // The settler's next transaction takes the next nonce and is mined: no gap was left behind.
        Order next = runToCompletion(f.fundedPayer(12_000_000L));
        settlementVia(escrowSettler).settle(List.of(next.orderId()));
        String nextTx = stores.settlements().find(next.orderId()).orElseThrow().outboxTxId();
        assertThat(sender.awaitFinal(nextTx, Duration.ofSeconds(30)).status()).isEqualTo(TxStatus.CONFIRMED);
        confirmAndIngest();
        assertThat(stored(next.orderId()).state()).isEqualTo(OrderState.SETTLED);
    }

    @Test
    void aTopUpAfterTheSplitIsRefundedByTheSettlementInsteadOfJammingIt() throws Exception {
        Credentials payer = f.fundedPayer(12_000_001L);
        Order order = runToCompletion(payer);
        SettlementService service = settlementVia(escrowSettler);
        Settlement computed = service.fix(SettlementCalculator.split(stored(order.orderId()), clock.instant())).orElseThrow();
        // The payer pays one more micro-USDC after the split was fixed and before it is sent and mined.
        f.deposit(payer, order.orderId(), 1);
        service.send(List.of(computed));
        computed = stores.settlements().find(order.orderId()).orElseThrow();

        assertThat(sender.awaitFinal(computed.outboxTxId(), Duration.ofSeconds(30)).status()).isEqualTo(TxStatus.CONFIRMED);
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLED);
        Settlement confirmed = stores.settlements().find(order.orderId()).orElseThrow();
        assertThat(confirmed.status()).isEqualTo(SettlementStatus.CONFIRMED);
        assertThat(confirmed.refund()).as("the chain's split is recorded, late money included").isEqualTo(computed.refund() + 1);
        assertThat(confirmed.providerAmount()).isEqualTo(computed.providerAmount());
        assertThat(f.escrowAs(f.admin).refundOf(payer.getAddress()).send()).isEqualTo(BigInteger.valueOf(computed.refund() + 1));
        assertThat(f.order(payer, order.orderId()).amount).isEqualTo(BigInteger.valueOf(computed.providerAmount()));
    }

    @Test
    void aSquattedOrderIdTakesNothingFromTheBuyer() throws Exception {
        Credentials payer = f.fundedPayer(12_000_000L);
        Credentials squatter = f.fundedPayer(1);
        var quote = quotes.quote(payer.getAddress().toLowerCase(),
                new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
        Order order = orders.create(payer.getAddress().toLowerCase(), quote.quoteId());
        // Seen in the mempool: the squatter pays 1 micro-USDC into the same id first, as its own order.
        f.deposit(squatter, order.orderId(), 1);
        f.depositWithPermit(payer, order.orderId(), order.escrowAmount());
        confirmAndIngest();

        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.FUNDED);
        assertThat(stored(order.orderId()).deposited()).as("the stranger's order is not this one").isEqualTo(order.escrowAmount());
        assertThat(stores.deposits().findByOrder(order.orderId())).extracting(d -> d.payer())
                .containsExactly(payer.getAddress().toLowerCase());
        assertThat(f.order(payer, order.orderId()).amount).isEqualTo(BigInteger.valueOf(order.escrowAmount()));
    }

    @Test
    void aSponsorsDepositFundsTheOwnersOrderAndTheRefundGoesToTheOwner() throws Exception {
        Credentials owner = f.fundedPayer(0);
        Credentials sponsor = f.fundedPayer(12_000_000L);
        var quote = quotes.quote(owner.getAddress().toLowerCase(),
                new QuoteService.QuoteRequest("local-cpu", 1, 3_600, "prime-sieve", Map.of()));
        Order order = orders.create(owner.getAddress().toLowerCase(), quote.quoteId());
        f.payer(sponsor).depositWithPermit(owner.getAddress(), order.orderId(), order.escrowAmount());
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.FUNDED);

        provisioning.provision(order.orderId());
        clock.advance(Duration.ofMinutes(30));
        completion.completeByOwner(owner.getAddress().toLowerCase(), order.orderId());
        settlementVia(escrowSettler).settle(List.of(order.orderId()));
        Settlement split = stores.settlements().find(order.orderId()).orElseThrow();
        sender.awaitFinal(split.outboxTxId(), Duration.ofSeconds(30));
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLED);
        assertThat(f.escrowAs(f.admin).refundOf(owner.getAddress()).send()).isEqualTo(BigInteger.valueOf(split.refund()));
        assertThat(f.escrowAs(f.admin).refundOf(sponsor.getAddress()).send()).isZero();
    }

    @Test
    void aSettlementTheEscrowSkipsIsDecidedAgainFromTheChainsBalance() throws Exception {
        Credentials payer = f.fundedPayer(12_000_000L);
        Order order = runToCompletion(payer);
        SettlementService service = settlementVia(escrowSettler);
        Settlement computed = service.fix(SettlementCalculator.split(stored(order.orderId()), clock.instant())).orElseThrow();
        // The platform believes 5 USDC more was deposited than the escrow holds (a deposit a reorg took away).
        long believed = order.escrowAmount() + 5_000_000L;
        Settlement greedy = new Settlement(computed.orderId(), computed.owner(), computed.provider(), believed, believed - 1, 1, 0,
                computed.releaseAt(), SettlementStatus.COMPUTED, null, computed.version() + 1);
        assertThat(stores.settlements().replace(computed, greedy)).isTrue();
        service.send(List.of(greedy));
        String firstTx = stores.settlements().find(order.orderId()).orElseThrow().outboxTxId();
        assertThat(sender.awaitFinal(firstTx, Duration.ofSeconds(30)).status()).as("the batch is not reverted")
                .isEqualTo(TxStatus.CONFIRMED);

        confirmAndIngest(); // the SettlementSkipped event: decided again over the real balance and sent anew
        Settlement again = stores.settlements().find(order.orderId()).orElseThrow();
        assertThat(again.outboxTxId()).isNotEqualTo(firstTx);
        assertThat(again.deposit()).isEqualTo(order.escrowAmount());
        assertThat(sender.awaitFinal(again.outboxTxId(), Duration.ofSeconds(30)).status()).isEqualTo(TxStatus.CONFIRMED);
        confirmAndIngest();
        assertThat(stored(order.orderId()).state()).isEqualTo(OrderState.SETTLED);
        Settlement confirmed = stores.settlements().find(order.orderId()).orElseThrow();
        assertThat(confirmed.providerAmount() + confirmed.fee() + confirmed.refund()).isEqualTo(order.escrowAmount());
        assertThat(f.order(payer, order.orderId()).status).as("held").isEqualTo(BigInteger.TWO);
    }
}
