package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.core.fakes.MutableClock;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TxStatus;
import io.cyberplaza.store.dynamodb.DynamoDbLocalExtension;
import io.cyberplaza.store.dynamodb.DynamoStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cyberplaza.chain.testing.EscrowFixture.selector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transaction sender against a real Hardhat node with its outbox in DynamoDB Local. The
 * sender's key owns the test USDC, so each transaction is a mint whose effect can be counted.
 */
@ExtendWith({HardhatExtension.class, DynamoDbLocalExtension.class})
class TransactionSenderTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final LocalChain chain;
    private final DynamoStores stores;
    private EscrowFixture f;
    private Credentials recipient;
    private MutableClock clock;

    TransactionSenderTest(LocalChain chain, DynamoStores stores) {
        this.chain = chain;
        this.stores = stores;
    }

    @BeforeEach
    void setUp() throws Exception {
        f = new EscrowFixture(chain); // a new admin key per test: its nonces and outbox rows are its own
        recipient = chain.newAccount();
        clock = new MutableClock();
    }

    private TransactionSender sender(String worker) {
        return new TransactionSender(chain.web3j(), f.admin, chain.chainId(), stores.outbox(),
                new TransactionSender.Settings(Duration.ofSeconds(30), Duration.ofSeconds(60), 25, 20, Duration.ofMillis(50)),
                clock, worker);
    }

    private String mint(long amount) {
        return f.usdcAs(f.admin).mint(recipient.getAddress(), BigInteger.valueOf(amount)).encodeFunctionCall();
    }

    private BigInteger minted() throws Exception {
        return f.usdcBalance(recipient.getAddress());
    }

    private long chainNonce() throws Exception {
        return chain.web3j().ethGetTransactionCount(f.admin.getAddress(), DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
    }

    @Test
    void theSameIdIsSentOnceHoweverOftenItIsSubmitted() throws Exception {
        TransactionSender sender = sender("worker-a");
        OutboxTransaction first = sender.submit("mint:1", f.deployment.usdc(), mint(500));
        OutboxTransaction again = sender.submit("mint:1", f.deployment.usdc(), mint(500));
        OutboxTransaction fromAnotherWorker = sender("worker-b").submit("mint:1", f.deployment.usdc(), mint(500));
        assertThat(again.nonce()).isEqualTo(first.nonce());
        assertThat(fromAnotherWorker.latestAttempt().txHash()).isEqualTo(first.latestAttempt().txHash());

        OutboxTransaction done = sender.awaitFinal("mint:1", WAIT);
        assertThat(done.status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(done.minedTxHash()).isEqualTo(first.latestAttempt().txHash());
        assertThat(done.gasUsed()).isPositive();
        assertThat(minted()).isEqualTo(BigInteger.valueOf(500));
        assertThat(stores.outbox().pending(sender.sender())).isEmpty();
    }

    @Test
    void aCallThatWouldRevertIsRefusedBeforeANonceIsUsed() throws Exception {
        TransactionSender sender = sender("worker-a");
        long nonceBefore = chainNonce();
        String orderId = EscrowFixture.newOrderId();
        // The admin has no settler role: the escrow would revert, so nothing may be recorded or sent.
        String settle = f.escrowAs(f.admin).settle(List.of(f.settlement(orderId, recipient, recipient, 1, 0, 0))).encodeFunctionCall();

        assertThatThrownBy(() -> sender.submit("settle:x", f.deployment.escrow(), settle))
                .isInstanceOfSatisfying(TransactionRejectedException.class, e -> assertThat(e.revertData())
                        .startsWith(selector(ComputeEscrow.ACCESSCONTROLUNAUTHORIZEDACCOUNT_ERROR)));
        assertThat(stores.outbox().find(sender.sender(), "settle:x")).isEmpty();
        assertThat(chainNonce()).isEqualTo(nonceBefore);

        // The next transaction takes the nonce the refused one did not use.
        OutboxTransaction next = sender.submit("mint:after-refusal", f.deployment.usdc(), mint(1));
        assertThat(next.nonce()).isEqualTo(nonceBefore);
    }

    @Test
    void aCrashAfterRecordingButBeforeSendingIsSentByRecovery() throws Exception {
        OutboxTransaction recorded = sender("crashed-worker").record("mint:crash-before-send", f.deployment.usdc(), mint(700));
        assertThat(recorded.status()).isEqualTo(TxStatus.SIGNED);
        assertThat(chain.web3j().ethGetTransactionByHash(recorded.latestAttempt().txHash()).send().getTransaction())
                .as("never broadcast").isEmpty();

        TransactionSender recovery = sender("recovery-worker");
        recovery.reconcilePending();
        OutboxTransaction done = recovery.awaitFinal("mint:crash-before-send", WAIT);
        assertThat(done.status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(done.nonce()).isEqualTo(recorded.nonce());
        assertThat(minted()).isEqualTo(BigInteger.valueOf(700));
    }

    @Test
    void aCrashAfterSendingButBeforeRecordingTheSendIsNotSentTwice() throws Exception {
        long nonceBefore = chainNonce();
        OutboxTransaction recorded = sender("crashed-worker").record("mint:crash-after-send", f.deployment.usdc(), mint(900));
        // The crashed worker got its bytes to the node, then died before writing SENT.
        chain.web3j().ethSendRawTransaction(recorded.latestAttempt().rawTransaction()).send();

        TransactionSender recovery = sender("recovery-worker");
        recovery.submit("mint:crash-after-send", f.deployment.usdc(), mint(900)); // a retried trigger
        recovery.reconcilePending();
        OutboxTransaction done = recovery.awaitFinal("mint:crash-after-send", WAIT);

        assertThat(done.status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(minted()).as("minted once").isEqualTo(BigInteger.valueOf(900));
        assertThat(chainNonce()).as("one nonce used").isEqualTo(nonceBefore + 1);
    }

    @Test
    void aTransactionTheNodeDroppedIsBroadcastAgain() throws Exception {
        TransactionSender sender = sender("worker-a");
        chain.setAutomine(false);
        try {
            OutboxTransaction sent = sender.submit("mint:dropped", f.deployment.usdc(), mint(300));
            String hash = sent.latestAttempt().txHash();
            chain.dropTransaction(hash);
            assertThat(chain.web3j().ethGetTransactionByHash(hash).send().getTransaction()).isEmpty();

            sender.reconcile(stores.outbox().find(sender.sender(), "mint:dropped").orElseThrow());
            assertThat(chain.web3j().ethGetTransactionByHash(hash).send().getTransaction()).as("back in the pool").isPresent();
            chain.mine(1);
        } finally {
            chain.setAutomine(true);
        }
        assertThat(sender.awaitFinal("mint:dropped", WAIT).status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(minted()).isEqualTo(BigInteger.valueOf(300));
    }

    @Test
    void aStuckTransactionIsReplacedWithHigherFeesAndMinedOnce() throws Exception {
        TransactionSender sender = sender("worker-a");
        OutboxTransaction sent;
        OutboxTransaction bumped;
        chain.setAutomine(false);
        try {
            sent = sender.submit("mint:stuck", f.deployment.usdc(), mint(400));
            clock.advance(Duration.ofMinutes(2));
            bumped = sender.reconcile(stores.outbox().find(sender.sender(), "mint:stuck").orElseThrow());
            assertThat(bumped.attempts()).hasSize(2);
            assertThat(bumped.latestAttempt().maxFeePerGas()).isGreaterThan(sent.latestAttempt().maxFeePerGas());
            assertThat(bumped.latestAttempt().maxPriorityFeePerGas()).isGreaterThan(sent.latestAttempt().maxPriorityFeePerGas());
            assertThat(bumped.nonce()).isEqualTo(sent.nonce());
            chain.mine(1);
        } finally {
            chain.setAutomine(true);
        }
        OutboxTransaction done = sender.awaitFinal("mint:stuck", WAIT);
        assertThat(done.status()).isEqualTo(TxStatus.CONFIRMED);
        assertThat(done.minedTxHash()).isEqualTo(bumped.latestAttempt().txHash());
        assertThat(chain.web3j().ethGetTransactionReceipt(sent.latestAttempt().txHash()).send().getTransactionReceipt())
                .as("the replaced attempt is never mined").isEmpty();
        assertThat(minted()).isEqualTo(BigInteger.valueOf(400));
    }

    @Test
    void twoConcurrentSendersNeverShareANonce() throws Exception {
        int perWorker = 6;
        long nonceBefore = chainNonce();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<OutboxTransaction>>> results = new ArrayList<>();
        try {
            for (String worker : List.of("worker-a", "worker-b")) {
                TransactionSender sender = sender(worker);
                Callable<List<OutboxTransaction>> job = () -> {
                    start.await();
                    List<OutboxTransaction> mine = new ArrayList<>();
                    for (int i = 0; i < perWorker; i++) {
                        String id = "mint:" + worker + ":" + i;
                        while (true) {
                            try {
                                mine.add(sender.submit(id, f.deployment.usdc(), mint(1_000 + i)));
                                break;
                            } catch (SenderBusyException busy) {
                                Thread.sleep(5); // the other worker holds the lease: try again shortly
                            }
                        }
                    }
                    return mine;
                };
                results.add(pool.submit(job));
            }
            start.countDown();
            List<OutboxTransaction> all = new ArrayList<>();
            for (Future<List<OutboxTransaction>> result : results) all.addAll(result.get());

            assertThat(all).hasSize(2 * perWorker);
            assertThat(all).extracting(OutboxTransaction::nonce).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(nonceBefore, nonceBefore + 2L * perWorker)
                            .boxed().toList());
            for (OutboxTransaction tx : all) {
                assertThat(sender("checker").awaitFinal(tx.id(), WAIT).status()).isEqualTo(TxStatus.CONFIRMED);
            }
        } finally {
            pool.shutdownNow();
        }
        long expected = 2L * (perWorker * 1_000L + (perWorker * (perWorker - 1L)) / 2);
        assertThat(minted()).isEqualTo(BigInteger.valueOf(expected));
    }
}
