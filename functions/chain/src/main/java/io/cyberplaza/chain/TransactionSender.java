package io.cyberplaza.chain;

import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.core.tx.NonceLease;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.tx.TxAttempt;
import io.cyberplaza.core.tx.TxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends the platform's transactions from one key, safely across crashes and concurrent workers.
 *
 * <ul>
 *   <li>Nonces are assigned only under the sender's lease, and the outbox row and the lease's next
 *       nonce are written in one conditional transaction: two workers can never take the same nonce.</li>
 *   <li>A transaction is signed and recorded <em>before</em> it is broadcast. A crash after recording
 *       leaves it pending with its signed bytes, and {@link #reconcile} broadcasts those same bytes:
 *       same nonce, same hash, so it can be mined once at most, and it is never forgotten.</li>
 *   <li>{@link #reconcile} also rebroadcasts a transaction the node dropped, and replaces one stuck
 *       longer than {@link Settings#stuckAfter} with a fee bump of the same nonce (recorded first).</li>
 *   <li>The caller's id makes {@link #submit} idempotent: the same id returns the recorded transaction.</li>
 * </ul>
 */
public final class TransactionSender {
    private static final Logger log = LoggerFactory.getLogger(TransactionSender.class);

    /**
     * @param leaseTtl      how long a crashed worker can keep others from sending
     * @param stuckAfter    how long a broadcast may wait unmined before its fees are bumped
     * @param feeBumpPercent a replacement's fee rise; nodes require at least 10 %
     * @param gasHeadroomPercent added to the gas estimate, because state can change before mining
     */
    public record Settings(Duration leaseTtl, Duration stuckAfter, int feeBumpPercent, int gasHeadroomPercent,
                           Duration pollInterval) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), Duration.ofSeconds(60), 25, 20, Duration.ofMillis(250));
        }
    }

    private final Web3j web3j;
    private final Credentials credentials;
    private final String sender;
    private final long chainId;
    private final TransactionOutbox outbox;
    private final Settings settings;
    private final Clock clock;
    private final String workerId;

    public TransactionSender(Web3j web3j, Credentials credentials, long chainId, TransactionOutbox outbox,
                             Settings settings, Clock clock, String workerId) {
        this.web3j = web3j;
        this.credentials = credentials;
        this.sender = credentials.getAddress().toLowerCase();
        this.chainId = chainId;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.workerId = workerId;
    }

    public String sender() {
        return sender;
    }

    /** Records and broadcasts a call of {@code to} with {@code data}; returns the recorded transaction. */
    public OutboxTransaction submit(String id, String to, String data) throws IOException {
        Optional<OutboxTransaction> existing = outbox.find(sender, id);
        if (existing.isPresent()) {
            OutboxTransaction recorded = existing.get();
            if (recorded.status().isFinal()) return recorded;
            // A retried trigger: the row is safe and the reconciler owns it, so a node that refuses the bytes again
            // (fees, a pool that has moved on) must not turn a recorded transaction into a failure for the caller.
            try {
                broadcast(recorded.latestAttempt().rawTransaction());
            } catch (IOException e) {
                log.warn("transaction {} recorded earlier was not taken again ({}); the reconciler sees to it", id, e.getMessage());
            }
            return recorded;
        }
        OutboxTransaction recorded = recordNew(id, to, data);
        // Whether it was sent is never written down (a write per transaction): the node's pool says it.
        if (!recorded.status().isFinal()) broadcast(recorded.latestAttempt().rawTransaction());
        return recorded;
    }

    /**
     * Assigns a nonce, signs and records the transaction without broadcasting it (or returns the
     * transaction already recorded under {@code id}). {@link #submit} and {@link #reconcile} send it.
     */
    public OutboxTransaction record(String id, String to, String data) throws IOException {
        Optional<OutboxTransaction> existing = outbox.find(sender, id);
        return existing.isPresent() ? existing.get() : recordNew(id, to, data);
    }

    private OutboxTransaction recordNew(String id, String to, String data) throws IOException {
        BigInteger gasLimit = estimateGas(to, data);
        long latestNonce = web3j.ethGetTransactionCount(sender, DefaultBlockParameterName.LATEST).send()
                .getTransactionCount().longValueExact();
        long now = clock.millis();
        NonceLease lease = outbox.acquireLease(sender, workerId, now, settings.leaseTtl().toMillis(), latestNonce)
                .orElseThrow(() -> new SenderBusyException(sender));
        try {
            // The chain may be ahead of our counter if the key was used elsewhere; never behind it.
            long nonce = Math.max(lease.nextNonce(), latestNonce);
            Fees fees = marketFees();
            TxAttempt attempt = sign(nonce, gasLimit, to, data, fees);
            OutboxTransaction transaction = new OutboxTransaction(id, sender, chainId, to.toLowerCase(), data, BigInteger.ZERO,
                    nonce, gasLimit, List.of(attempt), TxStatus.SIGNED, null, null, null, 0);
            try {
                outbox.recordNew(lease, transaction);
                return transaction;
            } catch (ConditionFailedException e) {
                // Either another worker recorded the same id, or our lease was taken over.
                return outbox.find(sender, id).orElseThrow(() -> new SenderBusyException(sender));
            }
        } finally {
            outbox.releaseLease(sender, workerId);
        }
    }

    /** Waits until the transaction is mined (or reverted), reconciling it as it goes. */
    public OutboxTransaction awaitFinal(String id, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            OutboxTransaction current = outbox.find(sender, id)
                    .orElseThrow(() -> new IllegalArgumentException("no transaction " + id + " from " + sender));
            OutboxTransaction reconciled = reconcile(current);
            if (reconciled.status().isFinal()) return reconciled;
            if (!clock.instant().isBefore(deadline)) return reconciled;
            Thread.sleep(settings.pollInterval());
        }
    }

    /** One pass over every pending transaction of this sender (the scheduled recovery). */
    public List<OutboxTransaction> reconcilePending() throws IOException {
        List<OutboxTransaction> results = new ArrayList<>();
        for (OutboxTransaction pending : outbox.pending(sender)) results.add(reconcile(pending));
        return results;
    }

    /**
     * Brings one transaction forward: records its receipt if any attempt was mined; otherwise sends
     * it if it was never sent, rebroadcasts it if the node forgot it, or bumps its fees if stuck.
     */
    public OutboxTransaction reconcile(OutboxTransaction tx) throws IOException {
        if (tx.status().isFinal()) return tx;
        for (TxAttempt attempt : tx.attempts()) {
            Optional<TransactionReceipt> receipt = web3j.ethGetTransactionReceipt(attempt.txHash()).send().getTransactionReceipt();
            if (receipt.isPresent()) {
                TransactionReceipt r = receipt.get();
                OutboxTransaction mined = tx.mined(attempt.txHash(), r.getBlockNumber().longValueExact(), r.getGasUsed(), r.isStatusOK());
                return replaceOrReload(tx, mined);
            }
        }
        TxAttempt latest = tx.latestAttempt();
        Duration waited = Duration.ofMillis(clock.millis() - latest.signedAtMillis());
        if (waited.compareTo(settings.stuckAfter()) >= 0) return bumpFees(tx);
        if (web3j.ethGetTransactionByHash(latest.txHash()).send().getTransaction().isEmpty()) {
            // Never sent (its sender died after recording it) or dropped by the node: the same bytes either way.
            log.info("transaction {} ({}) is not in the node's pool; broadcasting it", tx.id(), latest.txHash());
            broadcast(latest.rawTransaction());
        }
        return tx;
    }

    /**
     * A transaction recorded as mined whose receipt the chain no longer has: a reorganisation deeper
     * than the confirmations took its block away. A node that does not put it back in its pool would
     * leave its nonce unused, and every later transaction of this key stuck behind the gap. It is made
     * pending again and the bytes that were mined are sent again: the same nonce, so it is still mined
     * at most once.
     *
     * @return whether it was found dropped (and is pending again)
     */
    public boolean reviveIfDropped(String id) throws IOException {
        Optional<OutboxTransaction> found = outbox.find(sender, id);
        if (found.isEmpty() || found.get().status() != TxStatus.CONFIRMED) return false;
        OutboxTransaction tx = found.get();
        // A node behind the block that mined it has simply not seen it yet.
        long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        if (tx.minedBlock() != null && head < tx.minedBlock()) return false;
        for (TxAttempt attempt : tx.attempts()) {
            EthGetTransactionReceipt answer = web3j.ethGetTransactionReceipt(attempt.txHash()).send();
            // An error (a rate limit, an index still being built) says nothing about the chain.
            if (answer.hasError()) throw new IOException("cannot read the receipt of " + attempt.txHash() + ": " + answer.getError().getMessage());
            if (answer.getTransactionReceipt().isPresent()) return false;
        }
        OutboxTransaction reopened = tx.reopened();
        if (!outbox.replace(tx, reopened)) return false;
        log.warn("transaction {} ({}) was mined in block {}, which is no longer on the chain; sending it again", id, tx.minedTxHash(),
                tx.minedBlock());
        TxAttempt mined = tx.attempts().stream().filter(a -> a.txHash().equals(tx.minedTxHash())).findFirst().orElse(tx.latestAttempt());
        broadcast(mined.rawTransaction());
        return true;
    }

    private OutboxTransaction bumpFees(OutboxTransaction tx) throws IOException {
        TxAttempt latest = tx.latestAttempt();
        Fees market = marketFees();
        BigInteger priority = bump(latest.maxPriorityFeePerGas()).max(market.maxPriorityFeePerGas());
        BigInteger maxFee = bump(latest.maxFeePerGas()).max(market.maxFeePerGas()).max(priority);
        TxAttempt replacement = sign(tx.nonce(), tx.gasLimit(), tx.to(), tx.data(), new Fees(maxFee, priority));
        OutboxTransaction bumped = tx.withAttempt(replacement);
        // Recorded before it is sent, so the receipt of either attempt is recognised after a crash.
        if (!outbox.replace(tx, bumped)) return reload(tx);
        log.info("transaction {} stuck for {}: replaced by {} at max fee {}", tx.id(),
                Duration.ofMillis(clock.millis() - latest.signedAtMillis()), replacement.txHash(), maxFee);
        broadcast(replacement.rawTransaction());
        return bumped;
    }

    private void broadcast(String rawTransaction) throws IOException {
        EthSendTransaction response = web3j.ethSendRawTransaction(rawTransaction).send();
        if (!response.hasError()) return;
        String message = response.getError().getMessage().toLowerCase(Locale.ROOT);
        // These mean the same bytes (or another attempt with this nonce) are already in the pool or mined.
        if (message.contains("already known") || message.contains("known transaction")
                || message.contains("nonce too low") || message.contains("underpriced")) {
            log.debug("broadcast answered: {}", response.getError().getMessage());
            return;
        }
        throw new IOException("eth_sendRawTransaction failed: " + response.getError().getMessage());
    }

    private OutboxTransaction replaceOrReload(OutboxTransaction expected, OutboxTransaction next) {
        return outbox.replace(expected, next) ? next : reload(expected);
    }

    private OutboxTransaction reload(OutboxTransaction tx) {
        return outbox.find(tx.sender(), tx.id()).orElseThrow();
    }

    private BigInteger estimateGas(String to, String data) throws IOException {
        EthEstimateGas estimate = web3j.ethEstimateGas(Transaction.createEthCallTransaction(sender, to, data)).send();
        if (estimate.hasError()) {
            throw new TransactionRejectedException("the call would fail: " + estimate.getError().getMessage(),
                    RevertData.of(estimate.getError().getData()));
        }
        return estimate.getAmountUsed().multiply(BigInteger.valueOf(100L + settings.gasHeadroomPercent()))
                .divide(BigInteger.valueOf(100));
    }

    private record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
    }

    /** Twice the current base fee plus the node's suggested tip: survives several full blocks of base fee rises. */
    private Fees marketFees() throws IOException {
        BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getBaseFeePerGas();
        BigInteger priority = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
        return new Fees(baseFee.multiply(BigInteger.TWO).add(priority), priority);
    }

    private BigInteger bump(BigInteger fee) {
        // Rounded up so that a tiny fee still rises by at least one wei.
        BigInteger raised = fee.multiply(BigInteger.valueOf(100L + settings.feeBumpPercent()));
        return raised.add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100));
    }

    private TxAttempt sign(long nonce, BigInteger gasLimit, String to, String data, Fees fees) {
        RawTransaction raw = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce), gasLimit, to,
                BigInteger.ZERO, data, fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        byte[] signed = TransactionEncoder.signMessage(raw, credentials);
        return new TxAttempt(Numeric.toHexString(Hash.sha3(signed)), Numeric.toHexString(signed),
                fees.maxFeePerGas(), fees.maxPriorityFeePerGas(), clock.millis());
    }
}
