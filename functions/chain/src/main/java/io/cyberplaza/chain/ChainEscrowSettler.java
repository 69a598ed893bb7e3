package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.tx.OutboxTransaction;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.tx.TxStatus;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.utils.Numeric;

import java.util.List;
import java.util.OptionalLong;

/** Sends settlement batches to ComputeEscrow through the transaction sender (outbox, nonce lease), and reads orders back. */
public final class ChainEscrowSettler implements EscrowSettler {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
    /** ComputeEscrow.Status.Funded. */
    private static final BigInteger FUNDED = BigInteger.ONE;

    private final TransactionSender sender;
    private final TransactionOutbox outbox;
    private final String escrowAddress;
    private final ComputeEscrow escrow;

    public ChainEscrowSettler(Web3j web3j, TransactionSender sender, TransactionOutbox outbox, String escrowAddress) {
        this.sender = sender;
        this.outbox = outbox;
        this.escrowAddress = escrowAddress;
        // Only used to encode calls and read state: it never signs or sends anything.
        this.escrow = ComputeEscrow.load(escrowAddress, web3j, new ReadonlyTransactionManager(web3j, sender.sender()),
                new DefaultGasProvider());
    }

    @Override
    public void submit(String txId, List<Settlement> batch) {
        List<ComputeEscrow.Settlement> entries = batch.stream().map(ChainEscrowSettler::toEntry).toList();
        try {
            sender.submit(txId, escrowAddress, escrow.settle(entries).encodeFunctionCall());
        } catch (TransactionRejectedException e) {
            throw new Rejected("settlement " + txId + " refused by the chain: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not submit settlement " + txId, e);
        }
    }

    @Override
    public boolean isRecorded(String txId) {
        return outbox.find(sender.sender(), txId).isPresent();
    }

    @Override
    public boolean carries(String txId, String orderId) {
        // The call's arguments hold each settlement's order id as a bytes32 word.
        String word = Numeric.cleanHexPrefix(orderId).toLowerCase(java.util.Locale.ROOT);
        return outbox.find(sender.sender(), txId).map(tx -> tx.data().toLowerCase(java.util.Locale.ROOT).contains(word)).orElse(false);
    }

    @Override
    public boolean resendIfDropped(String txId) {
        try {
            return sender.reviveIfDropped(txId);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot tell whether settlement transaction " + txId + " is still on the chain", e);
        }
    }

    @Override
    public boolean isReverted(String txId) {
        return outbox.find(sender.sender(), txId).map(OutboxTransaction::status).filter(TxStatus.REVERTED::equals).isPresent();
    }

    @Override
    public OptionalLong openBalance(String owner, String orderId) {
        try {
            ComputeEscrow.Order order = escrow.orderOf(owner, OrderIds.toBytes32(orderId)).send();
            return FUNDED.equals(order.status) ? OptionalLong.of(order.amount.longValueExact()) : OptionalLong.empty();
        } catch (Exception e) {
            throw new IllegalStateException("the escrow's order " + orderId + " could not be read", e);
        }
    }

    static ComputeEscrow.Settlement toEntry(Settlement s) {
        // The escrow refuses a zero provider only when it is owed something; a full refund names none.
        String provider = s.providerAmount() == 0 && s.provider() == null ? ZERO_ADDRESS : s.provider();
        // No refund is sent: the escrow refunds whatever the order holds beyond the payout and the fee,
        // which includes money that arrived after this split was computed.
        return new ComputeEscrow.Settlement(s.owner(), OrderIds.toBytes32(s.orderId()), provider,
                BigInteger.valueOf(s.providerAmount()), BigInteger.valueOf(s.fee()), BigInteger.valueOf(s.releaseAt()));
    }
}
