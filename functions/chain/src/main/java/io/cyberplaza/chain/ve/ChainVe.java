package io.cyberplaza.chain.ve;

import io.cyberplaza.chain.KeyedTransactions;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.FeeSplitter;
import io.cyberplaza.chain.contracts.TestUSDC;
import io.cyberplaza.chain.contracts.VeFeeDistributor;
import io.cyberplaza.chain.contracts.VoteEscrowedCpt;
import io.cyberplaza.core.rewards.RewardsChain;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.ve.FeeSplitChain;
import io.cyberplaza.core.ve.VeLedger;
import org.web3j.protocol.Web3j;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

import java.math.BigInteger;
import java.util.function.Supplier;

import static io.cyberplaza.chain.KeyedTransactions.read;

/**
 * veCPT, its fee distributor and the fee splitter. Reads go straight to the node; the weekly split
 * goes through the splitter's transaction sender (outbox, nonce lease), asked for only when a
 * transaction is, so a function that only reads (the API's quotes and {@code GET /ve}) never reads
 * that key.
 */
public final class ChainVe implements VeLedger, FeeSplitChain {
    private final KeyedTransactions splitterKey;
    private final String splitterAddress;
    private final VoteEscrowedCpt ve;
    private final VeFeeDistributor distributor;
    private final FeeSplitter splitter;
    private final ComputeEscrow escrow;
    private final String escrowAddress;
    private final TestUSDC usdc;

    public ChainVe(Web3j web3j, Supplier<TransactionSender> splitterKey, TransactionOutbox outbox, String veAddress, String distributorAddress,
                   String splitterAddress, String escrowAddress, String usdcAddress) {
        this.splitterKey = new KeyedTransactions(splitterKey, outbox);
        this.splitterAddress = splitterAddress.toLowerCase();
        // Only used to encode calls and read state: neither signs nor sends anything.
        ReadonlyTransactionManager reader = new ReadonlyTransactionManager(web3j, veAddress);
        this.ve = VoteEscrowedCpt.load(veAddress, web3j, reader, new DefaultGasProvider());
        this.distributor = VeFeeDistributor.load(distributorAddress, web3j, reader, new DefaultGasProvider());
        this.splitter = FeeSplitter.load(splitterAddress, web3j, reader, new DefaultGasProvider());
        this.escrow = ComputeEscrow.load(escrowAddress, web3j, reader, new DefaultGasProvider());
        this.escrowAddress = escrowAddress.toLowerCase();
        // Only its ERC-20 reads are used: balanceOf and allowance, which every USDC answers.
        this.usdc = TestUSDC.load(usdcAddress, web3j, reader, new DefaultGasProvider());
    }

    @Override
    public Holding holding(String account) {
        var lock = read(ve.locks(account), "the account's veCPT lock");
        if (lock.component1().signum() == 0) return Holding.NONE;
        return new Holding(lock.component1(), lock.component2().longValueExact(), read(ve.balanceOf(account), "the account's voting power"));
    }

    @Override
    public BigInteger claimableFees(String account) {
        return read(distributor.claimable(account), "the account's fee share");
    }

    @Override
    public long weekSeconds() {
        return read(ve.WEEK(), "veCPT's week").longValueExact();
    }

    @Override
    public long firstWeek() {
        return read(distributor.startWeek(), "the fee distributor's first week").longValueExact();
    }

    @Override
    public boolean isSplit(long week) {
        return read(splitter.weekSplit(BigInteger.valueOf(week)), "the splitter's weeks");
    }

    @Override
    public int insuranceBps() {
        return read(escrow.params(), "the escrow's parameters").component3().intValueExact();
    }

    @Override
    public BigInteger treasuryAvailable() {
        String treasury = read(splitter.treasury(), "the splitter's treasury");
        return read(usdc.balanceOf(treasury), "the treasury's USDC").min(read(usdc.allowance(treasury, splitterAddress), "the treasury's allowance"));
    }

    @Override
    public BigInteger uncollectedFees() {
        return read(escrow.accruedFees(), "the escrow's accrued fees");
    }

    @Override
    public void collectFees(String txId) {
        splitterKey.send(txId, escrowAddress, escrow.withdrawFees().encodeFunctionCall());
    }

    @Override
    public void split(String txId, long week, BigInteger amount) {
        splitterKey.send(txId, splitterAddress, splitter.split(BigInteger.valueOf(week), amount).encodeFunctionCall());
    }

    @Override
    public RewardsChain.Outcome outcome(String txId) {
        return splitterKey.outcome(txId);
    }
}
