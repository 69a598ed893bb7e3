package io.cyberplaza.chain.testing;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.EscrowPayer;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.PermitSigner;
import io.cyberplaza.chain.RevertData;
import io.cyberplaza.chain.TimelockGovernance;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.EscrowTimelock;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.datatypes.CustomError;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * A fresh TestUSDC and ComputeEscrow on the local chain, with one account per role, and helpers
 * that act as any account. Every test class deploys its own, so tests never share balances.
 */
public final class EscrowFixture {
    public static final Duration RECLAIM_DELAY = Duration.ofDays(30);
    public static final Duration GOVERNANCE_DELAY = Duration.ofHours(48);
    public static final Duration MIN_DISPUTE_WINDOW = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    public final LocalChain chain;
    public final Credentials admin;
    public final Credentials treasury;
    public final Credentials settler;
    public final Credentials guardian;
    public final Credentials arbiter;
    public final EscrowDeployer deployer;
    public final EscrowDeployer.Deployment deployment;

    public EscrowFixture(LocalChain chain) throws Exception {
        this.chain = chain;
        this.admin = chain.newAccount();
        this.treasury = chain.newAccount();
        this.settler = chain.newAccount();
        this.guardian = chain.newAccount();
        this.arbiter = chain.newAccount();
        this.deployer = new EscrowDeployer(chain.web3j(), chain.chainId());
        // The admin deploys, owns the test USDC and is the timelock's only proposer and executor.
        this.deployment = deployer.deploy(admin, new EscrowDeployer.Roles(treasury.getAddress(), settler.getAddress(),
                guardian.getAddress(), arbiter.getAddress(), admin.getAddress()), EscrowDeployer.Terms.of(RECLAIM_DELAY, GOVERNANCE_DELAY));
    }

    public static String newOrderId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    public ComputeEscrow escrowAs(Credentials who) {
        return ComputeEscrow.load(deployment.escrow(), chain.web3j(), deployer.transactionManager(who), deployer.gasProvider());
    }

    public TestUSDC usdcAs(Credentials who) {
        return TestUSDC.load(deployment.usdc(), chain.web3j(), deployer.transactionManager(who), deployer.gasProvider());
    }

    public BigInteger usdcBalance(String address) throws Exception {
        return usdcAs(admin).balanceOf(address).send();
    }

    public BigInteger escrowUsdcBalance() throws Exception {
        return usdcBalance(deployment.escrow());
    }

    /** A new account holding {@code microUsdc} test USDC. */
    public Credentials fundedPayer(long microUsdc) throws Exception {
        Credentials payer = chain.newAccount();
        usdcAs(admin).mint(payer.getAddress(), BigInteger.valueOf(microUsdc)).send();
        return payer;
    }

    /** The payer approves and pays into its own order. */
    public TransactionReceipt deposit(Credentials payer, String orderId, long microUsdc) throws Exception {
        return depositFor(payer, payer.getAddress(), orderId, microUsdc);
    }

    /** The payer approves and pays into {@code owner}'s order. */
    public TransactionReceipt depositFor(Credentials payer, String owner, String orderId, long microUsdc) throws Exception {
        usdcAs(payer).approve(deployment.escrow(), BigInteger.valueOf(microUsdc)).send();
        return escrowAs(payer).deposit(owner, OrderIds.toBytes32(orderId), BigInteger.valueOf(microUsdc)).send();
    }

    /** The governor schedules a call of the escrow through the timelock, waits its delay on the chain's clock, and executes it. */
    public TransactionReceipt governEscrow(String data, String name) throws Exception {
        TimelockGovernance governance = new TimelockGovernance(EscrowTimelock.load(deployment.timelock(), chain.web3j(),
                deployer.transactionManager(admin), deployer.gasProvider()));
        TimelockGovernance.Action action = TimelockGovernance.Action.named(deployment.escrow(), data, name);
        governance.schedule(action);
        chain.advanceTime(GOVERNANCE_DELAY);
        return governance.execute(action);
    }

    /** What the escrow holds in the order's one slot. */
    public ComputeEscrow.Order order(Credentials owner, String orderId) throws Exception {
        return escrowAs(admin).orderOf(owner.getAddress(), OrderIds.toBytes32(orderId)).send();
    }

    public EscrowPayer payer(Credentials payer) {
        return new EscrowPayer(chain.web3j(), deployer, deployment, payer);
    }

    public TransactionReceipt depositWithPermit(Credentials payer, String orderId, long microUsdc) throws Exception {
        return payer(payer).depositWithPermit(orderId, microUsdc);
    }

    public BigInteger permitDeadline() throws IOException {
        return payer(admin).permitDeadline();
    }

    public PermitSigner.Signature signPermit(Credentials payer, BigInteger value, BigInteger deadline) throws Exception {
        return payer(payer).signPermit(value, deadline);
    }

    /** A split of {@code owner}'s order: the escrow refunds whatever it holds beyond payout and fee. */
    public ComputeEscrow.Settlement settlement(String orderId, Credentials owner, Credentials provider, long providerAmount, long fee,
                                               long releaseAt) {
        return new ComputeEscrow.Settlement(owner.getAddress(), OrderIds.toBytes32(orderId),
                provider == null ? "0x0000000000000000000000000000000000000000" : provider.getAddress(),
                BigInteger.valueOf(providerAmount), BigInteger.valueOf(fee), BigInteger.valueOf(releaseAt));
    }

    /**
     * The custom error a call would revert with, as its 4-byte selector, or null if it would succeed.
     * Read with eth_call so no transaction is spent on a test of a failure.
     */
    public String revertSelector(Credentials from, String to, String data) throws IOException {
        EthCall call = chain.web3j().ethCall(Transaction.createEthCallTransaction(from.getAddress(), to, data),
                DefaultBlockParameterName.LATEST).send();
        if (!call.hasError() && !call.isReverted()) return null;
        String selector = RevertData.selectorOf(call.hasError() ? call.getError().getData() : call.getValue());
        // A revert without data (a plain require or an out-of-gas) still counts as a failure.
        return selector == null ? "0x" : selector;
    }

    public static String selector(CustomError error) {
        return CustomErrorEncoder.encode(error).substring(0, 10);
    }
}
