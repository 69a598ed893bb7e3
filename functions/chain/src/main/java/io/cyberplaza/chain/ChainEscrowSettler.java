package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.Settlement;
import io.cyberplaza.core.tx.TransactionOutbox;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

/** Sends settlement batches to ComputeEscrow through the transaction sender (outbox, nonce lease). */
public final class ChainEscrowSettler implements EscrowSettler {
    private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private final TransactionSender sender;
    private final TransactionOutbox outbox;
    private final String escrowAddress;
    private final ComputeEscrow encoder;

    public ChainEscrowSettler(Web3j web3j, TransactionSender sender, TransactionOutbox outbox, String escrowAddress) {
        this.sender = sender;
        this.outbox = outbox;
        this.escrowAddress = escrowAddress;
        // Only used to encode calls: it never signs or sends anything.
        this.encoder = ComputeEscrow.load(escrowAddress, web3j, new ReadonlyTransactionManager(web3j, sender.sender()),
                new DefaultGasProvider());
    }

    @Override
    public void submit(String txId, List<Settlement> batch) {
        List<ComputeEscrow.Settlement> entries = batch.stream().map(ChainEscrowSettler::toEntry).toList();
        try {
            sender.submit(txId, escrowAddress, encoder.settle(entries).encodeFunctionCall());
        } catch (IOException e) {
            throw new UncheckedIOException("could not submit settlement " + txId, e);
        }
    }

    @Override
    public boolean isRecorded(String txId) {
        return outbox.find(sender.sender(), txId).isPresent();
    }

    static ComputeEscrow.Settlement toEntry(Settlement s) {
        // The escrow refuses a zero provider only when it is owed something; a full refund names none.
        String provider = s.providerAmount() == 0 && s.provider() == null ? ZERO_ADDRESS : s.provider();
        return new ComputeEscrow.Settlement(OrderIds.toBytes32(s.orderId()), provider, BigInteger.valueOf(s.providerAmount()),
                BigInteger.valueOf(s.fee()), BigInteger.valueOf(s.refund()), BigInteger.valueOf(s.releaseAt()));
    }
}
