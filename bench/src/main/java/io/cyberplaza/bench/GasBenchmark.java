package io.cyberplaza.bench;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.contracts.RewardsDistributor;
import io.cyberplaza.chain.contracts.RewardsReserve;
import io.cyberplaza.chain.rewards.CptDeployer;
import io.cyberplaza.chain.rewards.RewardTree;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.EscrowPayer;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.chain.contracts.TestUSDC;
import io.cyberplaza.chain.contracts.CyberPlazaToken;
import io.cyberplaza.chain.contracts.FeeSplitter;
import io.cyberplaza.chain.contracts.VeFeeDistributor;
import io.cyberplaza.chain.contracts.VoteEscrowedCpt;
import io.cyberplaza.chain.ve.VeDeployer;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gas used by the escrow's entry points on a local Hardhat node (cancun rules, optimizer on).
 * Settlement is measured per order, in batches of 1 and of 20 orders from 20 different payers
 * (each payer's refund slot starts empty: the costly case).
 *
 * <p>Run: {@code ./cyberplaza bench}. Prints a table and one JSON line.
 */
public final class GasBenchmark {
    private static final long USDC = 1_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HardhatNode node;
    private final EscrowDeployer deployer;
    private final Credentials admin;
    private final Credentials settler;
    private final Credentials arbiter;
    private final Credentials provider;
    private final EscrowDeployer.Deployment deployment;

    private GasBenchmark(HardhatNode node) throws Exception {
        this.node = node;
        this.deployer = new EscrowDeployer(node.web3j(), HardhatNode.CHAIN_ID);
        this.admin = account();
        this.settler = account();
        this.provider = account();
        this.arbiter = account();
        Credentials treasury = account();
        this.deployment = deployer.deploy(admin, new EscrowDeployer.Roles(treasury.getAddress(), settler.getAddress(),
                admin.getAddress(), arbiter.getAddress(), admin.getAddress()),
                EscrowDeployer.Terms.of(Duration.ofDays(30), Duration.ofHours(48)));
    }

    public static void main(String[] args) throws Exception {
        Path contracts = Path.of(System.getProperty("cyberplaza.root", ".")).resolve("contracts").toAbsolutePath();
        try (HardhatNode node = HardhatNode.start(contracts, Path.of("bench", "target", "hardhat-node.log").toAbsolutePath())) {
            Map<String, Long> figures = new GasBenchmark(node).run();
            System.out.println();
            System.out.println("ComputeEscrow, CPT rewards and veCPT gas (Hardhat node, solc 0.8.30, optimizer 200 runs, cancun)");
            figures.forEach((name, gas) -> System.out.printf("  %-34s %,10d%n", name, gas));
            StringBuilder json = new StringBuilder("{\"benchmark\":\"escrow-gas\"");
            figures.forEach((name, gas) -> json.append(",\"").append(name).append("\":").append(gas));
            System.out.println(json.append('}'));
        }
    }

    private Map<String, Long> run() throws Exception {
        Map<String, Long> figures = new LinkedHashMap<>();

        // The escrow's own token balance is never zero in service: a first deposit ever would pay 20,000 more for it.
        depositWithPermit(fundedPayer(USDC), newOrderId(), USDC);
        Credentials payer = fundedPayer(100 * USDC);
        usdc(payer).approve(deployment.escrow(), BigInteger.valueOf(100 * USDC)).send();
        String orderId = newOrderId();
        figures.put("deposit (new order)", gas(escrow(payer).deposit(payer.getAddress(), OrderIds.toBytes32(orderId),
                BigInteger.valueOf(10 * USDC)).send()));
        figures.put("deposit (top-up)", gas(escrow(payer).deposit(payer.getAddress(), OrderIds.toBytes32(orderId),
                BigInteger.valueOf(2 * USDC)).send()));

        Credentials permitPayer = fundedPayer(10 * USDC);
        figures.put("depositWithPermit (new order)", gas(depositWithPermit(permitPayer, newOrderId(), 10 * USDC)));

        figures.put("settle, batch of 1, per order", settlePerOrder(1));
        figures.put("settle, batch of 20, per order", settlePerOrder(20));

        Credentials owner = fundedPayer(12 * USDC);
        String disputed = newOrderId();
        depositWithPermit(owner, disputed, 12 * USDC);
        escrow(settler).settle(List.of(settlement(owner, disputed))).send();
        figures.put("openDispute", gas(escrow(owner).openDispute(OrderIds.toBytes32(disputed)).send()));
        figures.put("resolve (70 % to the provider)", gas(escrow(arbiter).resolve(owner.getAddress(), OrderIds.toBytes32(disputed),
                BigInteger.valueOf(9_506_000L * 7 / 10)).send()));
        rewardClaims(figures);
        return figures;
    }

    /**
     * Claims against a tree of 1,024 accounts (proofs of 10 hashes): a first claim by an account that
     * holds no CPT yet (its balance and its claimed total are both new storage), the same account's
     * next claim an epoch later, and a batch of 10 claims, per claim.
     */
    private void rewardClaims(Map<String, Long> figures) throws Exception {
        Credentials publisher = account();
        CptDeployer.Deployment cpt = new CptDeployer(node.web3j(), HardhatNode.CHAIN_ID).deploy(admin, new CptDeployer.Holders(
                admin.getAddress(), admin.getAddress(), admin.getAddress(), admin.getAddress(), publisher.getAddress(), admin.getAddress()),
                new CptDeployer.Terms(Duration.ofHours(1), CptDeployer.SUPPLY));
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 1_024; i++) accounts.add(org.web3j.crypto.Keys.toChecksumAddress(newOrderId().substring(0, 42)));
        Map<String, BigInteger> earned = new LinkedHashMap<>();
        accounts.forEach(account -> earned.put(account, CptDeployer.CPT.multiply(BigInteger.valueOf(3))));
        RewardTree first = publishEpoch(cpt, publisher, 1, earned, CptDeployer.CPT.multiply(BigInteger.valueOf(3 * 1_024)));
        RewardsDistributor distributor = RewardsDistributor.load(cpt.distributor(), node.web3j(), deployer.transactionManager(admin),
                deployer.gasProvider());
        List<String> batch = accounts.subList(1, 11);
        figures.put("rewards claimMany, 10, per claim", gas(distributor.claimMany(batch,
                batch.stream().map(account -> first.leaf(account).orElseThrow().cumulative()).toList(),
                batch.stream().map(account -> proof(first.leaf(account).orElseThrow())).toList()).send()) / batch.size());
        figures.put("rewards claim (first, new holder)", gas(claim(distributor, first, accounts.getFirst())));
        earned.replaceAll((account, total) -> total.add(CptDeployer.CPT));
        RewardTree second = publishEpoch(cpt, publisher, 2, earned, CptDeployer.CPT.multiply(BigInteger.valueOf(1_024)));
        figures.put("rewards claim (next epoch)", gas(claim(distributor, second, accounts.getFirst())));
        veCpt(figures, cpt);
    }

    /**
     * veCPT among 20 other holders whose locks end in different weeks: a first lock, an increase, an
     * extension, the week's fee split (a treasury's USDC to five destinations, the holders' part
     * deposited), a holder's first fee claim over one week and a claim walking 52 weeks.
     */
    private void veCpt(Map<String, Long> figures, CptDeployer.Deployment cpt) throws Exception {
        Credentials treasury = fundedPayer(1_000_000 * USDC);
        Credentials splitterKey = account();
        VeDeployer.Deployment ve = new VeDeployer(node.web3j(), HardhatNode.CHAIN_ID).deploy(admin, cpt.token(), deployment.usdc(), VeDeployer.WEEK,
                new VeDeployer.Accounts(admin.getAddress(), treasury.getAddress(), splitterKey.getAddress(), account().getAddress(),
                        account().getAddress(), account().getAddress()), VeDeployer.WHITEPAPER_RATES,
                new VeDeployer.Voting(Duration.ofDays(1), Duration.ofDays(7), 4));
        for (int i = 0; i < 20; i++) lock(cpt, ve, account(), CptDeployer.CPT.multiply(BigInteger.valueOf(1_000 + i)), 10 + 9 * i);
        Credentials holder = account();
        figures.put("veCPT createLock", gas(lock(cpt, ve, holder, CptDeployer.CPT.multiply(BigInteger.valueOf(5_000)), 104)));
        advance(Duration.ofDays(1));
        figures.put("veCPT increaseAmount", gas(lock(cpt, ve, holder, CptDeployer.CPT.multiply(BigInteger.valueOf(1_000)), 0)));
        figures.put("veCPT extendLock", gas(voteEscrow(ve, holder).extendLock(BigInteger.valueOf(156)).send()));

        usdc(treasury).approve(ve.feeSplitter(), BigInteger.valueOf(1_000_000 * USDC)).send();
        advance(VeDeployer.WEEK);
        long week = latestTimestamp() / VeDeployer.WEEK.toSeconds() * VeDeployer.WEEK.toSeconds();
        FeeSplitter splitter = FeeSplitter.load(ve.feeSplitter(), node.web3j(), deployer.transactionManager(splitterKey), deployer.gasProvider());
        figures.put("fee split (a week, five parts)", gas(splitter.split(BigInteger.valueOf(week), BigInteger.valueOf(10_000 * USDC)).send()));
        advance(VeDeployer.WEEK);
        VeFeeDistributor distributor = VeFeeDistributor.load(ve.feeDistributor(), node.web3j(), deployer.transactionManager(holder),
                deployer.gasProvider());
        figures.put("veCPT fee claim (first, 2 weeks)", gas(distributor.claim(holder.getAddress()).send()));
        for (int i = 0; i < 52; i++) {
            splitter.split(BigInteger.valueOf(week + (i + 1) * VeDeployer.WEEK.toSeconds()), BigInteger.valueOf(100 * USDC)).send();
            advance(VeDeployer.WEEK);
        }
        figures.put("veCPT fee claim (52 weeks)", gas(distributor.claim(holder.getAddress()).send()));
    }

    /** createLock, or increaseAmount when {@code weeks} is 0. */
    private TransactionReceipt lock(CptDeployer.Deployment cpt, VeDeployer.Deployment ve, Credentials holder, BigInteger amount, long weeks)
            throws Exception {
        CyberPlazaToken.load(cpt.token(), node.web3j(), deployer.transactionManager(admin), deployer.gasProvider()).transfer(holder.getAddress(), amount)
                .send();
        CyberPlazaToken.load(cpt.token(), node.web3j(), deployer.transactionManager(holder), deployer.gasProvider()).approve(ve.ve(), amount).send();
        return weeks == 0 ? voteEscrow(ve, holder).increaseAmount(amount).send()
                : voteEscrow(ve, holder).createLock(amount, BigInteger.valueOf(weeks)).send();
    }

    private VoteEscrowedCpt voteEscrow(VeDeployer.Deployment ve, Credentials who) {
        return VoteEscrowedCpt.load(ve.ve(), node.web3j(), deployer.transactionManager(who), deployer.gasProvider());
    }

    private void advance(Duration duration) throws Exception {
        node.rpc("evm_increaseTime", duration.toSeconds());
        node.rpc("evm_mine");
    }

    private RewardTree publishEpoch(CptDeployer.Deployment cpt, Credentials publisher, long epoch, Map<String, BigInteger> earned,
                                    BigInteger funding) throws Exception {
        RewardTree tree = RewardTree.of(earned);
        RewardsReserve.load(cpt.reserve(), node.web3j(), deployer.transactionManager(publisher), deployer.gasProvider())
                .fundEpoch(BigInteger.valueOf(epoch), funding).send();
        RewardsDistributor distributor = RewardsDistributor.load(cpt.distributor(), node.web3j(), deployer.transactionManager(publisher),
                deployer.gasProvider());
        distributor.proposeRoot(BigInteger.valueOf(epoch), tree.rootBytes()).send();
        node.rpc("evm_increaseTime", 3_601);
        node.rpc("evm_mine");
        distributor.acceptRoot().send();
        return tree;
    }

    private static TransactionReceipt claim(RewardsDistributor distributor, RewardTree tree, String account) throws Exception {
        RewardTree.Leaf leaf = tree.leaf(account).orElseThrow();
        return distributor.claim(account, leaf.cumulative(), proof(leaf)).send();
    }

    private static List<byte[]> proof(RewardTree.Leaf leaf) {
        return leaf.proof().stream().map(org.web3j.utils.Numeric::hexStringToByteArray).toList();
    }

    private long settlePerOrder(int batchSize) throws Exception {
        List<ComputeEscrow.Settlement> batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            Credentials payer = fundedPayer(12 * USDC);
            String orderId = newOrderId();
            depositWithPermit(payer, orderId, 12 * USDC);
            batch.add(settlement(payer, orderId));
        }
        TransactionReceipt receipt = escrow(settler).settle(batch).send();
        return gas(receipt) / batchSize;
    }

    /** A typical split of 12 USDC: 9.506 to the provider, 0.194 fee, the rest refunded, held 72 hours. */
    private ComputeEscrow.Settlement settlement(Credentials owner, String orderId) throws Exception {
        return new ComputeEscrow.Settlement(owner.getAddress(), OrderIds.toBytes32(orderId), provider.getAddress(),
                BigInteger.valueOf(9_506_000L), BigInteger.valueOf(194_000L), BigInteger.valueOf(latestTimestamp() + 72 * 3_600));
    }

    private TransactionReceipt depositWithPermit(Credentials payer, String orderId, long amount) throws Exception {
        return new EscrowPayer(node.web3j(), deployer, deployment, payer).depositWithPermit(orderId, amount);
    }

    private static long gas(TransactionReceipt receipt) {
        if (!receipt.isStatusOK()) throw new IllegalStateException("transaction reverted: " + receipt.getTransactionHash());
        return receipt.getGasUsed().longValueExact();
    }

    private Credentials account() throws Exception {
        return node.newFundedAccount();
    }

    private Credentials fundedPayer(long amount) throws Exception {
        Credentials payer = account();
        usdc(admin).mint(payer.getAddress(), BigInteger.valueOf(amount)).send();
        return payer;
    }

    private ComputeEscrow escrow(Credentials who) {
        return ComputeEscrow.load(deployment.escrow(), node.web3j(), deployer.transactionManager(who), deployer.gasProvider());
    }

    private TestUSDC usdc(Credentials who) {
        return TestUSDC.load(deployment.usdc(), node.web3j(), deployer.transactionManager(who), deployer.gasProvider());
    }

    private long latestTimestamp() throws Exception {
        return node.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                .getTimestamp().longValueExact();
    }

    private static String newOrderId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
