package io.cyberplaza.chain.ve;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.contracts.BuybackBurner;
import io.cyberplaza.chain.contracts.CyberPlazaGovernor;
import io.cyberplaza.chain.contracts.FeeSplitter;
import io.cyberplaza.chain.contracts.VeFeeDistributor;
import io.cyberplaza.chain.contracts.VoteEscrowedCpt;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Deploys veCPT and what hangs off it: the holders' fee distributor, buyback-and-burn, the weekly
 * fee splitter (taking the escrow treasury's fees, as far as the treasury allowed it) and the
 * governor. Governance (the escrow's timelock) administers all of them; the splitter key can only
 * split a week's fees into the destinations governance set. The governor proposes on the timelock
 * only once governance granted it the proposer role there, through the timelock itself.
 */
public final class VeDeployer {
    /** The whitepaper's split of the platform's fees, in basis points. */
    public static final Rates WHITEPAPER_RATES = new Rates(3_000, 2_000, 3_500, 1_000, 500);

    public record Rates(int holders, int buyback, int operations, int teamAndFoundation, int emergencyReserve) {
        FeeSplitter.Rates onChain() {
            return new FeeSplitter.Rates(big(holders), big(buyback), big(operations), big(teamAndFoundation), big(emergencyReserve));
        }
    }

    /**
     * @param governance       administers every contract here: the escrow's timelock
     * @param treasury         where the escrow's fees go; it must allow the splitter to take them
     * @param splitter         the key that splits each week's fees
     * @param operations       the operations' part goes here, as do the team's and the reserve's below
     */
    public record Accounts(String governance, String treasury, String splitter, String operations, String teamAndFoundation,
                           String emergencyReserve) {
    }

    /** The governor's timing: delay before voting, voting period; quorum in percent of veCPT. */
    public record Voting(Duration delay, Duration period, int quorumPercent) {
    }

    /** Addresses, lower-case hex. */
    public record Deployment(String ve, String feeDistributor, String buybackBurner, String feeSplitter, String governor) {
    }

    private final Web3j web3j;
    private final EscrowDeployer chain;

    public VeDeployer(Web3j web3j, long chainId) {
        this.web3j = web3j;
        this.chain = new EscrowDeployer(web3j, chainId);
    }

    /** A week of seven days: every deployment's. */
    public static final Duration WEEK = Duration.ofDays(7);

    /** @param week veCPT's week: {@link #WEEK} but on a development chain, whose weeks may pass in a minute */
    public Deployment deploy(Credentials deployer, String cpt, String usdc, Duration week, Accounts accounts, Rates rates, Voting voting)
            throws Exception {
        TransactionManager manager = chain.transactionManager(deployer);
        ContractGasProvider gas = chain.gasProvider();
        String ve = VoteEscrowedCpt.deploy(web3j, manager, gas, cpt, accounts.governance(), BigInteger.valueOf(week.toSeconds())).send().getContractAddress();
        String distributor = VeFeeDistributor.deploy(web3j, manager, gas, usdc, ve).send().getContractAddress();
        String burner = BuybackBurner.deploy(web3j, manager, gas, usdc, cpt, accounts.governance()).send().getContractAddress();
        String splitter = FeeSplitter.deploy(web3j, manager, gas, usdc, accounts.treasury(), rates.onChain(),
                new FeeSplitter.Destinations(distributor, burner, accounts.operations(), accounts.teamAndFoundation(), accounts.emergencyReserve()),
                accounts.governance(), accounts.splitter()).send().getContractAddress();
        String governor = CyberPlazaGovernor.deploy(web3j, manager, gas, ve, accounts.governance(), BigInteger.valueOf(voting.delay().toSeconds()),
                BigInteger.valueOf(voting.period().toSeconds()), BigInteger.valueOf(voting.quorumPercent())).send().getContractAddress();
        return new Deployment(ve.toLowerCase(), distributor.toLowerCase(), burner.toLowerCase(), splitter.toLowerCase(), governor.toLowerCase());
    }

    private static BigInteger big(int value) {
        return BigInteger.valueOf(value);
    }
}
