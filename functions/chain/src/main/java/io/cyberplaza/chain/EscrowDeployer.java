package io.cyberplaza.chain;

import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.EscrowTimelock;
import io.cyberplaza.chain.contracts.PriceFeed;
import io.cyberplaza.chain.contracts.TestUSDC;
import io.cyberplaza.core.escrow.EscrowLimits;
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
import java.util.List;

/**
 * Deploys the test USDC, the escrow and its governance timelock on a local chain, with every role; and a
 * USDC/USD feed with Chainlink's 8 decimals, where a public chain has Chainlink's own.
 */
public final class EscrowDeployer {

    /** Addresses of a deployment, lower-case hex. */
    public record Deployment(long chainId, String usdc, String escrow, String timelock) {
    }

    /**
     * Who holds each escrow role. The governor proposes and executes through the timelock, which alone
     * administers the escrow; the settler, guardian and arbiter are separate keys.
     */
    public record Roles(String treasury, String settler, String guardian, String arbiter, String governor) {
    }

    /**
     * The escrow's parameters and delays.
     *
     * @param reclaimDelay      how long after its first deposit an unsettled order can be taken back by its owner
     * @param governanceDelay   the timelock's minimum delay (48 hours in deployments)
     * @param minDisputeWindow  the shortest hold of any payout, below every provider tier's window
     */
    public record Terms(Duration reclaimDelay, Duration governanceDelay, Duration minDisputeWindow, int maxFeeBps,
                        int insuranceBps, long escalationThreshold, long maxInsuranceClaim) {
        /** 10,000 USDC: disputes over it go to governance. */
        public static final long ESCALATION_THRESHOLD = 10_000_000_000L;
        /** 100,000 USDC: the largest insurance claim. */
        public static final long MAX_INSURANCE_CLAIM = 100_000_000_000L;

        public static Terms of(Duration reclaimDelay, Duration governanceDelay) {
            return new Terms(reclaimDelay, governanceDelay, Duration.ofHours(24), EscrowLimits.MAX_FEE_BPS, 1_000, ESCALATION_THRESHOLD,
                    MAX_INSURANCE_CLAIM);
        }

        /** The same terms with another shortest hold of payouts. */
        public Terms withMinDisputeWindow(Duration window) {
            return new Terms(reclaimDelay, governanceDelay, window, maxFeeBps, insuranceBps, escalationThreshold, maxInsuranceClaim);
        }

        ComputeEscrow.Params params() {
            return new ComputeEscrow.Params(BigInteger.valueOf(minDisputeWindow.toSeconds()), BigInteger.valueOf(maxFeeBps),
                    BigInteger.valueOf(insuranceBps), BigInteger.valueOf(escalationThreshold), BigInteger.valueOf(maxInsuranceClaim));
        }
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

    /** Deploys the test USDC (owned by {@code admin}), the timelock and the escrow, every role wired at construction. */
    public Deployment deploy(Credentials admin, Roles roles, Terms terms) throws Exception {
        TransactionManager manager = transactionManager(admin);
        TestUSDC usdc = TestUSDC.deploy(web3j, manager, gasProvider(), admin.getAddress()).send();
        EscrowTimelock timelock = EscrowTimelock.deploy(web3j, manager, gasProvider(),
                BigInteger.valueOf(terms.governanceDelay().toSeconds()), List.of(roles.governor()), List.of(roles.governor())).send();
        ComputeEscrow escrow = ComputeEscrow.deploy(web3j, manager, gasProvider(), usdc.getContractAddress(),
                timelock.getContractAddress(), roles.treasury(), BigInteger.valueOf(terms.reclaimDelay().toSeconds()),
                terms.params(), roles.settler(), roles.guardian(), roles.arbiter()).send();
        return new Deployment(chainId, usdc.getContractAddress().toLowerCase(), escrow.getContractAddress().toLowerCase(),
                timelock.getContractAddress().toLowerCase());
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
