package io.cyberplaza.chain.rewards;

import io.cyberplaza.chain.KeyedTransactions;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.chain.contracts.RewardsDistributor;
import io.cyberplaza.chain.contracts.RewardsReserve;
import io.cyberplaza.core.rewards.RewardsChain;
import io.cyberplaza.core.tx.TransactionOutbox;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.function.Supplier;

import static io.cyberplaza.chain.KeyedTransactions.read;

/**
 * The rewards contracts through the publisher's transaction sender (outbox, nonce lease): the
 * reserve's {@code fundEpoch}, the distributor's {@code proposeRoot} and {@code acceptRoot}. The
 * sender is asked for only when a transaction is, so a function that only reads (the API) never
 * reads the publisher's key.
 */
public final class ChainRewards implements RewardsChain {
    private final KeyedTransactions publisher;
    private final String reserveAddress;
    private final String distributorAddress;
    private final RewardsReserve reserve;
    private final RewardsDistributor distributor;

    public ChainRewards(Web3j web3j, Supplier<TransactionSender> publisher, TransactionOutbox outbox, String reserveAddress,
                        String distributorAddress) {
        this.publisher = new KeyedTransactions(publisher, outbox);
        this.reserveAddress = reserveAddress.toLowerCase();
        this.distributorAddress = distributorAddress.toLowerCase();
        // Only used to encode calls and read state: neither signs nor sends anything.
        ReadonlyTransactionManager reader = new ReadonlyTransactionManager(web3j, distributorAddress);
        this.reserve = RewardsReserve.load(reserveAddress, web3j, reader, new DefaultGasProvider());
        this.distributor = RewardsDistributor.load(distributorAddress, web3j, reader, new DefaultGasProvider());
    }

    @Override
    public boolean isFunded(long epoch) {
        return read(reserve.epochFunded(BigInteger.valueOf(epoch)), "the reserve's funded epochs");
    }

    @Override
    public Distributor distributor() {
        return new Distributor(read(distributor.epoch(), "the distributor's epoch").longValueExact(),
                Numeric.toHexString(read(distributor.root(), "the distributor's root")),
                read(distributor.pendingEpoch(), "the distributor's pending epoch").longValueExact(),
                Numeric.toHexString(read(distributor.pendingRoot(), "the distributor's pending root")),
                read(distributor.pendingClaimableAt(), "the distributor's pending root's time").longValueExact());
    }

    @Override
    public BigInteger claimed(String account) {
        return read(distributor.claimed(account), "what an account claimed");
    }

    @Override
    public String distributorAddress() {
        return distributorAddress;
    }

    @Override
    public void fund(String txId, long epoch, BigInteger amount) {
        send(txId, reserveAddress, reserve.fundEpoch(BigInteger.valueOf(epoch), amount).encodeFunctionCall());
    }

    @Override
    public void propose(String txId, long epoch, String root) {
        send(txId, distributorAddress, distributor.proposeRoot(BigInteger.valueOf(epoch), Numeric.hexStringToByteArray(root)).encodeFunctionCall());
    }

    @Override
    public void accept(String txId) {
        send(txId, distributorAddress, distributor.acceptRoot().encodeFunctionCall());
    }

    @Override
    public Outcome outcome(String txId) {
        return publisher.outcome(txId);
    }

    private void send(String txId, String to, String data) {
        publisher.send(txId, to, data);
    }
}
