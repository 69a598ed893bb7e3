package io.cyberplaza.chain.rewards;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.contracts.CptVestingWallet;
import io.cyberplaza.chain.contracts.CyberPlazaToken;
import io.cyberplaza.chain.contracts.RewardsDistributor;
import io.cyberplaza.chain.contracts.RewardsReserve;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;


import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Deploys CPT with the whitepaper's allocation, minted once to its holders: the community rewards'
 * reserve (buyers 25 M and providers 20 M, paid into the rewards distributor an epoch at a time), the
 * liquidity incentives (10 M) and the foundation's launch tenth (1.75 M) to governance's treasury,
 * and three vesting wallets: the foundation's rest (15.75 M, linear over 24 months from launch), the
 * private sale (12.5 M, nothing for 6 months, then linear over 18) and the team (15 M, nothing for 12
 * months, then linear over 36). A month is 30 days.
 *
 * <p>The reserve and the distributor hold the token's address as an immutable, and the token mints
 * to the reserve in its constructor; so the token's address is foreseen from the deployer's nonce,
 * and the deployment stops if the chain put it anywhere else.
 */
public final class CptDeployer {
    public static final BigInteger CPT = BigInteger.TEN.pow(18);
    public static final BigInteger SUPPLY = cpt(100_000_000);
    public static final BigInteger BUYER_REWARDS = cpt(25_000_000);
    public static final BigInteger PROVIDER_REWARDS = cpt(20_000_000);
    public static final BigInteger LIQUIDITY = cpt(10_000_000);
    public static final BigInteger FOUNDATION_AT_LAUNCH = cpt(1_750_000);
    public static final BigInteger FOUNDATION_VESTED = cpt(15_750_000);
    public static final BigInteger PRIVATE_SALE = cpt(12_500_000);
    public static final BigInteger TEAM = cpt(15_000_000);
    public static final Duration MONTH = Duration.ofDays(30);

    /** Who receives what; the treasury is governance's (the timelock in a deployment). */
    public record Holders(String treasury, String foundation, String privateSale, String team, String publisher, String guardian) {
    }

    /**
     * @param rootDelay  how long a proposed root waits before it can be claimed (the guardian's window)
     * @param weeklyCap  the most the reserve pays the distributor in any 7 days
     */
    public record Terms(Duration rootDelay, BigInteger weeklyCap) {
    }

    /** Addresses, lower-case hex; {@code launch} is when vesting is counted from. */
    public record Deployment(String token, String reserve, String distributor, String foundationVesting, String privateSaleVesting,
                             String teamVesting, Instant launch) {
    }

    private final Web3j web3j;
    private final EscrowDeployer chain;

    public CptDeployer(Web3j web3j, long chainId) {
        this.web3j = web3j;
        this.chain = new EscrowDeployer(web3j, chainId);
    }

    public Deployment deploy(Credentials admin, Holders holders, Terms terms) throws Exception {
        TransactionManager manager = chain.transactionManager(admin);
        ContractGasProvider gas = chain.gasProvider();
        long launch = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
        String foundation = CptVestingWallet.deploy(web3j, manager, gas, holders.foundation(), BigInteger.valueOf(launch),
                seconds(MONTH.multipliedBy(24))).send().getContractAddress();
        String privateSale = CptVestingWallet.deploy(web3j, manager, gas, holders.privateSale(),
                BigInteger.valueOf(launch).add(seconds(MONTH.multipliedBy(6))), seconds(MONTH.multipliedBy(18))).send().getContractAddress();
        String team = CptVestingWallet.deploy(web3j, manager, gas, holders.team(),
                BigInteger.valueOf(launch).add(seconds(MONTH.multipliedBy(12))), seconds(MONTH.multipliedBy(36))).send().getContractAddress();
        BigInteger nonce = web3j.ethGetTransactionCount(admin.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
        // The distributor, then the reserve, then the token: the token's address is the admin's third contract from here.
        String token = ContractUtils.generateContractAddress(admin.getAddress(), nonce.add(BigInteger.TWO));
        String distributor = RewardsDistributor.deploy(web3j, manager, gas, token, seconds(terms.rootDelay()), holders.treasury(),
                holders.publisher(), holders.guardian()).send().getContractAddress();
        String reserve = RewardsReserve.deploy(web3j, manager, gas, token, distributor, terms.weeklyCap(), holders.treasury(),
                holders.publisher()).send().getContractAddress();
        CyberPlazaToken cpt = CyberPlazaToken.deploy(web3j, manager, gas,
                List.of(reserve, holders.treasury(), foundation, privateSale, team),
                List.of(BUYER_REWARDS.add(PROVIDER_REWARDS), LIQUIDITY.add(FOUNDATION_AT_LAUNCH), FOUNDATION_VESTED, PRIVATE_SALE, TEAM)).send();
        if (!cpt.getContractAddress().equalsIgnoreCase(token)) {
            throw new IllegalStateException("CPT was deployed at " + cpt.getContractAddress() + ", not at the foreseen " + token);
        }
        return new Deployment(token.toLowerCase(), reserve.toLowerCase(), distributor.toLowerCase(), foundation.toLowerCase(),
                privateSale.toLowerCase(), team.toLowerCase(), Instant.ofEpochSecond(launch));
    }

    private static BigInteger cpt(long whole) {
        return BigInteger.valueOf(whole).multiply(CPT);
    }

    private static BigInteger seconds(Duration duration) {
        return BigInteger.valueOf(duration.toSeconds());
    }
}
