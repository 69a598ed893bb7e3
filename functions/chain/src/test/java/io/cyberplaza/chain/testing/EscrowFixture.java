package io.cyberplaza.chain.testing;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.EscrowPayer;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.PermitSigner;
import io.cyberplaza.chain.RevertData;
import io.cyberplaza.chain.contracts.ComputeEscrow;
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
    private static final SecureRandom RANDOM = new SecureRandom();

    public final LocalChain chain;
    public final Credentials admin;
    public final Credentials treasury;
    public final Credentials settler;
    public final Credentials pauser;
    public final EscrowDeployer deployer;
    public final EscrowDeployer.Deployment deployment;

    public EscrowFixture(LocalChain chain) throws Exception {
        this.chain = chain;
        this.admin = chain.newAccount();
        this.treasury = chain.newAccount();
        this.settler = chain.newAccount();
        this.pauser = chain.newAccount();
        this.deployer = new EscrowDeployer(chain.web3j(), chain.chainId());
        this.deployment = deployer.deploy(admin, treasury.getAddress(), settler.getAddress(), pauser.getAddress(), RECLAIM_DELAY);
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

    public TransactionReceipt deposit(Credentials payer, String orderId, long microUsdc) throws Exception {
        usdcAs(payer).approve(deployment.escrow(), BigInteger.valueOf(microUsdc)).send();
        return escrowAs(payer).deposit(OrderIds.toBytes32(orderId), BigInteger.valueOf(microUsdc)).send();
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

    public ComputeEscrow.Settlement settlement(String orderId, Credentials provider, long providerAmount, long fee,
                                               long refund, long releaseAt) {
        return new ComputeEscrow.Settlement(OrderIds.toBytes32(orderId), provider.getAddress(),
                BigInteger.valueOf(providerAmount), BigInteger.valueOf(fee), BigInteger.valueOf(refund),
                BigInteger.valueOf(releaseAt));
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
