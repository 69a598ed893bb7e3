package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Deploys the test USDC and the escrow on a local chain, and grants the platform's roles; and a
 * USDC/USD feed with Chainlink's 8 decimals, where a public chain has Chainlink's own.
 */
public final class EscrowDeployer {

    /** Addresses of a deployment, lower-case hex. */
    public record Deployment(long chainId, String usdc, String escrow) {
    }

    private final Web3j web3j;
    private final long chainId;

    public EscrowDeployer(Web3j web3j, long chainId) {
        this.web3j = web3j;
        this.chainId = chainId;
    }

    /** A transaction manager that polls receipts often enough for a local chain that mines at once. */
    public TransactionManager transactionManager(Credentials credentials) {
        return new RawTransactionManager(web3j, credentials, chainId,
                new PollingTransactionReceiptProcessor(web3j, 50, 1_200));
    }

    /** Generous static fees: local chains start at a 1 gwei base fee and test accounts hold plenty of ether. */
    public ContractGasProvider gasProvider() {
        return new StaticEIP1559GasProvider(chainId, BigInteger.valueOf(50_000_000_000L),
                BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(10_000_000L));
    }

    public Deployment deploy(Credentials admin, String treasury, String settler, String pauser, Duration reclaimDelay)
            throws Exception {
        TransactionManager manager = transactionManager(admin);
        TestUSDC usdc = TestUSDC.deploy(web3j, manager, gasProvider(), admin.getAddress()).send();
        ComputeEscrow escrow = ComputeEscrow.deploy(web3j, manager, gasProvider(), usdc.getContractAddress(),
                admin.getAddress(), treasury, BigInteger.valueOf(reclaimDelay.toSeconds())).send();
        escrow.grantRole(escrow.SETTLER_ROLE().send(), settler).send();
        escrow.grantRole(escrow.PAUSER_ROLE().send(), pauser).send();
        return new Deployment(chainId, usdc.getContractAddress().toLowerCase(), escrow.getContractAddress().toLowerCase());
    }

    /** Chainlink's USDC/USD feeds answer with 8 decimals. */
    public static final int USD_FEED_DECIMALS = 8;

    /** A USDC/USD feed the admin answers, with a first answer of {@code usdPerUsdc} (8 decimals). */
    public String deployUsdcUsdFeed(Credentials admin, BigInteger usdPerUsdc) throws Exception {
        PriceFeed feed = PriceFeed.deploy(web3j, transactionManager(admin), gasProvider(), BigInteger.valueOf(USD_FEED_DECIMALS),
                "USDC / USD", admin.getAddress(), admin.getAddress()).send();
        answerUsdcUsd(admin, feed.getContractAddress(), usdPerUsdc);
        return feed.getContractAddress().toLowerCase();
    }

    /** A new answer of the feed, observed at the latest block's time (never ahead of the chain). */
    public void answerUsdcUsd(Credentials admin, String feed, BigInteger usdPerUsdc) throws Exception {
        BigInteger observedAt = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp();
        PriceFeed.load(feed, web3j, transactionManager(admin), gasProvider()).update(usdPerUsdc, observedAt).send();
    }
}
