package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.EscrowTimelock;
import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.EscrowDisputes;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.tx.TxStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The escrow's dispute calls, each with the key of its role: the settler opens a dispute for an
 * owner, the arbiter splits, the guardian freezes. Each goes through its own transaction sender
 * (outbox, nonce lease), so a lost response never sends a call twice.
 */
public final class ChainEscrowDisputes implements EscrowDisputes {
    private static final Logger log = LoggerFactory.getLogger(ChainEscrowDisputes.class);
    /** ComputeEscrow.Status, in the contract's order. */
    private static final List<PayoutStatus> STATUSES = List.of(PayoutStatus.NONE, PayoutStatus.NONE, PayoutStatus.HELD,
            PayoutStatus.FROZEN, PayoutStatus.FROZEN, PayoutStatus.RELEASED, PayoutStatus.WITHDRAWN, PayoutStatus.NONE);

    private final TransactionSender settler;
    private final Supplier<TransactionSender> arbiter;
    private final Supplier<TransactionSender> guardian;
    private final TransactionOutbox outbox;
    private final String escrowAddress;
    private final String timelockAddress;
    private final ComputeEscrow escrow;
    private final EscrowTimelock timelock;
    private volatile Long escalationThreshold;

    /**
     * The arbiter's and guardian's senders are asked for only when used, so a function that never
     * resolves or freezes never reads those keys.
     */
    public ChainEscrowDisputes(Web3j web3j, TransactionSender settler, Supplier<TransactionSender> arbiter,
                               Supplier<TransactionSender> guardian, TransactionOutbox outbox, String escrowAddress, String timelockAddress) {
        this.settler = settler;
        this.arbiter = arbiter;
        this.guardian = guardian;
        this.outbox = outbox;
        this.escrowAddress = escrowAddress;
        this.timelockAddress = timelockAddress;
        // Only used to encode calls and read state: neither signs nor sends anything.
        ReadonlyTransactionManager reader = new ReadonlyTransactionManager(web3j, settler.sender());
        this.escrow = ComputeEscrow.load(escrowAddress, web3j, reader, new DefaultGasProvider());
        this.timelock = EscrowTimelock.load(timelockAddress, web3j, reader, new DefaultGasProvider());
    }

    @Override
    public void openFor(String txId, String owner, String orderId) {
        send(settler, txId, escrow.openDisputeFor(owner, OrderIds.toBytes32(orderId)).encodeFunctionCall());
    }

    @Override
    public void resolve(String txId, String owner, String orderId, long toProvider) {
        send(arbiter.get(), txId, escrow.resolve(owner, OrderIds.toBytes32(orderId), BigInteger.valueOf(toProvider)).encodeFunctionCall());
    }

    @Override
    public void freeze(String txId, String owner, String orderId) {
        send(guardian.get(), txId, escrow.freeze(owner, OrderIds.toBytes32(orderId)).encodeFunctionCall());
    }

    private void send(TransactionSender sender, String txId, String data) {
        try {
            sender.submit(txId, escrowAddress, data);
        } catch (TransactionRejectedException e) {
            throw new Refused(e.getMessage(), e);
        } catch (SenderBusyException | IOException e) {
            throw new NotSentYet("could not send " + txId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isRecorded(Role role, String txId) {
        return recorded(role, txId).isPresent();
    }

    @Override
    public boolean isReverted(Role role, String txId) {
        return recorded(role, txId).map(OutboxTransaction::status).filter(TxStatus.REVERTED::equals).isPresent();
    }

    private Optional<OutboxTransaction> recorded(Role role, String txId) {
        TransactionSender sender = switch (role) {
            case SETTLER -> settler;
            case ARBITER -> arbiter.get();
            case GUARDIAN -> guardian.get();
        };
        return outbox.find(sender.sender(), txId);
    }

    @Override
    public Dispute.GovernanceAction governanceResolution(String owner, String orderId, long toProvider) {
        String data = escrow.resolve(owner, OrderIds.toBytes32(orderId), BigInteger.valueOf(toProvider)).encodeFunctionCall();
        TimelockGovernance.Action action = TimelockGovernance.Action.named(escrowAddress, data,
                "resolve:" + owner.toLowerCase() + ":" + orderId + ":" + toProvider);
        try {
            String operationId = new TimelockGovernance(timelock).idOf(action);
            long delay = timelock.getMinDelay().send().longValueExact();
            return new Dispute.GovernanceAction(timelockAddress, escrowAddress, data, Numeric.toHexString(action.salt()), operationId, delay);
        } catch (Exception e) {
            throw new IllegalStateException("the timelock could not be read", e);
        }
    }

    @Override
    public long escalationThreshold() {
        Long known = escalationThreshold;
        if (known != null) return known;
        try {
            // Changed only through the timelock, so reading it once per container is current enough.
            long read = escrow.params().send().component4().longValueExact();
            escalationThreshold = read;
            return read;
        } catch (Exception e) {
            log.warn("the escrow's parameters could not be read: {}", e.toString());
            throw new DomainException(ErrorType.CHAIN_UNAVAILABLE, "the escrow's parameters could not be read from the chain just now; retry shortly");
        }
    }

    @Override
    public Payout payout(String owner, String orderId) {
        try {
            ComputeEscrow.Order order = escrow.orderOf(owner, OrderIds.toBytes32(orderId)).send();
            return new Payout(STATUSES.get(order.status.intValueExact()), order.amount.longValueExact(), order.deadline.longValueExact());
        } catch (Exception e) {
            throw new IllegalStateException("the escrow's order " + orderId + " could not be read", e);
        }
    }
}
