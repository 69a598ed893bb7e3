package io.cyberplaza.local;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.chain.contracts.TestUSDC;
import io.cyberplaza.chain.rewards.CptDeployer;
import io.cyberplaza.chain.ve.VeDeployer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The local chain every cloud's functions settle through: a Hardhat node with the escrow, the test
 * USDC and a USDC/USD feed deployed by the development accounts, and the configuration that points
 * functions at them.
 */
public final class LocalChain implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalChain.class);
    /** One dollar in the feed's 8 decimals: where a public chain has Chainlink's aggregator, the admin answers at par. */
    private static final BigInteger USDC_AT_PAR = BigInteger.valueOf(100_000_000L);
    private static final int CONFIRMATIONS = 2;
    static final Duration RECLAIM_DELAY = Duration.ofDays(30);
    /** Short on the local stack, 48 hours in deployments: governance actions wait this long in public. */
    static final Duration GOVERNANCE_DELAY = Duration.ofSeconds(30);
    /** The escrow's shortest hold here, so that the local stack's one-minute payouts are final within minutes. */
    static final Duration MIN_DISPUTE_WINDOW = Duration.ofSeconds(30);
    /** The guardian's window over a rewards root: short here, a day in deployments. */
    static final Duration ROOT_DELAY = Duration.ofSeconds(15);
    /** veCPT's week here: a minute, so a lock, a week's fees and their claim pass within minutes; seven days in deployments. */
    static final Duration VE_WEEK = Duration.ofMinutes(1);
    private static final BigInteger WEEKLY_REWARDS_CAP = CptDeployer.CPT.multiply(BigInteger.valueOf(10_000_000));

    private final HardhatNode node;
    private final EscrowDeployer deployer;
    private final EscrowDeployer.Deployment deployment;
    private final String usdcUsdFeed;
    private final long firstBlock;
    private final CptDeployer.Deployment cpt;
    private final VeDeployer.Deployment ve;

    private LocalChain(HardhatNode node, EscrowDeployer deployer, EscrowDeployer.Deployment deployment, String usdcUsdFeed, long firstBlock,
                       CptDeployer.Deployment cpt, VeDeployer.Deployment ve) {
        this.cpt = cpt;
        this.ve = ve;
        this.node = node;
        this.deployer = deployer;
        this.deployment = deployment;
        this.usdcUsdFeed = usdcUsdFeed;
        this.firstBlock = firstBlock;
    }

    /** @param mineEverySecond empty blocks every second, so deposits gather confirmations when nothing else happens */
    public static LocalChain start(Path contracts, Path log, boolean mineEverySecond) throws Exception {
        HardhatNode node = HardhatNode.start(contracts, log);
        try {
            if (mineEverySecond) node.rpc("evm_setIntervalMining", 1_000);
            EscrowDeployer deployer = new EscrowDeployer(node.web3j(), HardhatNode.CHAIN_ID);
            // Each role its own key, as in a deployment; the development admin is the timelock's governor.
            EscrowDeployer.Deployment deployment = deployer.deploy(DevAccounts.ADMIN, new EscrowDeployer.Roles(
                    DevAccounts.TREASURY.getAddress(), DevAccounts.SETTLER.getAddress(), DevAccounts.GUARDIAN.getAddress(),
                    DevAccounts.ARBITER.getAddress(), DevAccounts.ADMIN.getAddress()), EscrowDeployer.Terms.of(RECLAIM_DELAY, GOVERNANCE_DELAY)
                    .withMinDisputeWindow(MIN_DISPUTE_WINDOW));
            String feed = deployer.deployUsdcUsdFeed(DevAccounts.ADMIN, USDC_AT_PAR);
            // CPT as the whitepaper allocates it; the development admin holds what vests, the treasury the rest.
            CptDeployer.Deployment cpt = new CptDeployer(node.web3j(), HardhatNode.CHAIN_ID).deploy(DevAccounts.ADMIN, new CptDeployer.Holders(
                    DevAccounts.TREASURY.getAddress(), DevAccounts.ADMIN.getAddress(), DevAccounts.ADMIN.getAddress(), DevAccounts.ADMIN.getAddress(),
                    DevAccounts.REWARDS_PUBLISHER.getAddress(), DevAccounts.GUARDIAN.getAddress()), new CptDeployer.Terms(ROOT_DELAY, WEEKLY_REWARDS_CAP));
            VeDeployer.Deployment ve = deployVe(node, deployer, deployment, cpt);
            long firstBlock = node.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
            LocalChain.log.info("contracts deployed: escrow {}, usdc {}, USDC/USD feed {}, CPT {}, rewards distributor {}, veCPT {}", deployment.escrow(),
                    deployment.usdc(), feed, cpt.token(), cpt.distributor(), ve.ve());
            return new LocalChain(node, deployer, deployment, feed, firstBlock, cpt, ve);
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
    }

    /**
     * veCPT under the escrow's timelock, its fees split by the rewards publisher's key (as in
     * deployments); the operations', team's and reserve's parts go to the development admin. The
     * treasury allows the splitter its fees, as its owners would in a deployment.
     */
    private static VeDeployer.Deployment deployVe(HardhatNode node, EscrowDeployer deployer, EscrowDeployer.Deployment deployment,
                                                  CptDeployer.Deployment cpt) throws Exception {
        String admin = DevAccounts.ADMIN.getAddress();
        VeDeployer.Deployment ve = new VeDeployer(node.web3j(), HardhatNode.CHAIN_ID).deploy(DevAccounts.ADMIN, cpt.token(), deployment.usdc(),
                VE_WEEK, new VeDeployer.Accounts(deployment.timelock(), DevAccounts.TREASURY.getAddress(), DevAccounts.REWARDS_PUBLISHER.getAddress(),
                        admin, admin, admin), VeDeployer.WHITEPAPER_RATES, new VeDeployer.Voting(Duration.ofSeconds(30), Duration.ofMinutes(5), 4));
        TestUSDC.load(deployment.usdc(), node.web3j(), deployer.transactionManager(DevAccounts.TREASURY), deployer.gasProvider())
                .approve(ve.feeSplitter(), BigInteger.TWO.pow(256).subtract(BigInteger.ONE)).send();
        return ve;
    }

    /** Where the functions find the chain, its contracts and the peg's feed. */
    public Map<String, Object> configuration() {
        return Map.ofEntries(Map.entry("cyberplaza.rewards.reserve", cpt.reserve()),
                Map.entry("cyberplaza.ve.vote-escrow", ve.ve()),
                Map.entry("cyberplaza.ve.fee-distributor", ve.feeDistributor()),
                Map.entry("cyberplaza.ve.fee-splitter", ve.feeSplitter()),
                Map.entry("cyberplaza.rewards.distributor", cpt.distributor()),
                Map.entry("cyberplaza.chain.rpc-url", node.rpcUrl()),
                Map.entry("cyberplaza.chain.chain-id", HardhatNode.CHAIN_ID),
                Map.entry("cyberplaza.chain.escrow", deployment.escrow()),
                Map.entry("cyberplaza.chain.timelock", deployment.timelock()),
                Map.entry("cyberplaza.chain.token", deployment.usdc()),
                Map.entry("cyberplaza.chain.token-name", "Test USDC"),
                Map.entry("cyberplaza.chain.token-version", "1"),
                Map.entry("cyberplaza.chain.confirmations", CONFIRMATIONS),
                Map.entry("cyberplaza.chain.first-block", firstBlock),
                Map.entry("cyberplaza.pricing.peg.feed", usdcUsdFeed));
    }

    public CptDeployer.Deployment cpt() {
        return cpt;
    }

    public VeDeployer.Deployment ve() {
        return ve;
    }

    /** The feed's own heartbeat, as Chainlink answers at least daily: a stack left running keeps quoting. */
    public void reaffirmPeg() {
        try {
            deployer.answerUsdcUsd(DevAccounts.ADMIN, usdcUsdFeed, USDC_AT_PAR);
        } catch (Exception e) {
            throw new IllegalStateException("the USDC/USD feed could not be answered", e);
        }
    }

    /** Buries the latest blocks under the confirmations the functions wait for. */
    public void confirm() throws Exception {
        node.rpc("hardhat_mine", "0x" + Integer.toHexString(CONFIRMATIONS + 1));
    }

    public Faucet faucet() {
        return new Faucet(new org.web3j.protocol.http.HttpService(node.rpcUrl()), deployment.usdc());
    }

    public HardhatNode node() {
        return node;
    }

    public EscrowDeployer deployer() {
        return deployer;
    }

    public EscrowDeployer.Deployment deployment() {
        return deployment;
    }

    @Override
    public void close() {
        node.close();
    }
}
