package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;

/**
 * What a buyer's wallet does with the escrow: sign an EIP-2612 permit and deposit with it in one
 * transaction. Used by local tools (demo, benchmarks, tests); real users sign in their own wallet.
 */
public final class EscrowPayer {
    private static final Duration PERMIT_VALIDITY = Duration.ofHours(1);

    private final Web3j web3j;
    private final EscrowDeployer.Deployment deployment;
    private final Credentials payer;
    private final ComputeEscrow escrow;
    private final TestUSDC token;

    public EscrowPayer(Web3j web3j, EscrowDeployer deployer, EscrowDeployer.Deployment deployment, Credentials payer) {
        this.web3j = web3j;
        this.deployment = deployment;
        this.payer = payer;
        this.escrow = ComputeEscrow.load(deployment.escrow(), web3j, deployer.transactionManager(payer), deployer.gasProvider());
        this.token = TestUSDC.load(deployment.usdc(), web3j, deployer.transactionManager(payer), deployer.gasProvider());
    }

    public PermitSigner.Signature signPermit(BigInteger value, BigInteger deadline) throws Exception {
        byte[] digest = PermitSigner.digest(token.DOMAIN_SEPARATOR().send(), payer.getAddress(), deployment.escrow(), value,
                token.nonces(payer.getAddress()).send(), deadline);
        return PermitSigner.sign(digest, payer.getEcKeyPair());
    }

    /** A deadline an hour after the chain's latest block (the chain's clock, not this machine's). */
    public BigInteger permitDeadline() throws IOException {
        long latest = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getTimestamp().longValueExact();
        return BigInteger.valueOf(latest + PERMIT_VALIDITY.toSeconds());
    }

    /** Pays for the payer's own order. */
    public TransactionReceipt depositWithPermit(String orderId, long microUsdc) throws Exception {
        return depositWithPermit(payer.getAddress(), orderId, microUsdc);
    }

    /** Pays for {@code owner}'s order: a sponsor or a second wallet; the order and its refunds stay the owner's. */
    public TransactionReceipt depositWithPermit(String owner, String orderId, long microUsdc) throws Exception {
        BigInteger value = BigInteger.valueOf(microUsdc);
        BigInteger deadline = permitDeadline();
        PermitSigner.Signature signature = signPermit(value, deadline);
        return escrow.depositWithPermit(owner, OrderIds.toBytes32(orderId), value, deadline, BigInteger.valueOf(signature.v()),
                signature.r(), signature.s()).send();
    }
}
