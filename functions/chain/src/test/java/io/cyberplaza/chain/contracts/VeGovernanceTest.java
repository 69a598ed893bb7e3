package io.cyberplaza.chain.contracts;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.rewards.CptDeployer;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import io.cyberplaza.chain.ve.VeDeployer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.cyberplaza.chain.rewards.CptDeployer.CPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OpenZeppelin's Governor over veCPT votes and a timelock: a proposal needs 100,000 veCPT, and what passes waits out the delay. */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VeGovernanceTest {
    private static final Duration VOTING_DELAY = Duration.ofHours(1);
    private static final Duration VOTING_PERIOD = Duration.ofDays(3);
    private static final Duration TIMELOCK_DELAY = Duration.ofDays(2);
    private static final BigInteger SUCCEEDED = BigInteger.valueOf(4);
    private static final BigInteger QUEUED = BigInteger.valueOf(5);
    private static final BigInteger EXECUTED = BigInteger.valueOf(7);

    private LocalChain chain;
    private EscrowDeployer tx;
    private String snapshot;
    private Credentials admin, cptTreasury;
    private String cpt, timelock;
    private VeDeployer.Deployment ve;

    @BeforeAll
    void deploy(LocalChain chain) throws Exception {
        this.chain = chain;
        snapshot = chain.snapshot();
        tx = new EscrowDeployer(chain.web3j(), chain.chainId());
        admin = chain.newAccount();
        cptTreasury = chain.newAccount();
        cpt = new CptDeployer(chain.web3j(), chain.chainId()).deploy(admin, new CptDeployer.Holders(cptTreasury.getAddress(),
                chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(),
                chain.newAccount().getAddress()), new CptDeployer.Terms(Duration.ofHours(1), CPT)).token();
        String usdc = TestUSDC.deploy(chain.web3j(), tx.transactionManager(admin), tx.gasProvider(), admin.getAddress()).send().getContractAddress();
        // The timelock trusts the governor as its proposer; the governor is the fifth contract the deployer makes after it.
        BigInteger nonce = chain.web3j().ethGetTransactionCount(admin.getAddress(), DefaultBlockParameterName.PENDING).send().getTransactionCount();
        String governor = ContractUtils.generateContractAddress(admin.getAddress(), nonce.add(BigInteger.valueOf(5)));
        timelock = EscrowTimelock.deploy(chain.web3j(), tx.transactionManager(admin), tx.gasProvider(), BigInteger.valueOf(TIMELOCK_DELAY.toSeconds()),
                List.of(governor), List.of("0x0000000000000000000000000000000000000000")).send().getContractAddress();
        ve = new VeDeployer(chain.web3j(), chain.chainId()).deploy(admin, cpt, usdc, VeDeployer.WEEK,
                new VeDeployer.Accounts(timelock, chain.newAccount().getAddress(), chain.newAccount().getAddress(), chain.newAccount().getAddress(),
                        chain.newAccount().getAddress(), chain.newAccount().getAddress()),
                VeDeployer.WHITEPAPER_RATES, new VeDeployer.Voting(VOTING_DELAY, VOTING_PERIOD, 4));
        assertThat(ve.governor()).isEqualToIgnoringCase(governor);
    }

    @AfterAll
    void rewind() {
        chain.revert(snapshot);
    }

    @Test
    void aHolderOfOneHundredThousandVeCptProposesAndWhatPassesChangesTheFeeSplitAfterTheTimelock() throws Exception {
        // 50,000 CPT for four years: about 125,000 veCPT. 30,000 for four years: about 75,000, short of the threshold.
        Credentials whale = lockedHolder(CPT.multiply(BigInteger.valueOf(50_000)), 208);
        Credentials small = lockedHolder(CPT.multiply(BigInteger.valueOf(30_000)), 208);
        chain.advanceTime(Duration.ofSeconds(10));
        CyberPlazaGovernor governor = governor(whale);
        assertThat(governor.proposalThreshold().send()).isEqualTo(CPT.multiply(BigInteger.valueOf(100_000)));
        assertThat(governor.CLOCK_MODE().send()).isEqualTo("mode=timestamp");

        FeeSplitter.Rates next = new FeeSplitter.Rates(BigInteger.valueOf(4_000), BigInteger.valueOf(1_000), BigInteger.valueOf(3_500),
                BigInteger.valueOf(1_000), BigInteger.valueOf(500));
        List<String> targets = List.of(ve.feeSplitter());
        List<BigInteger> values = List.of(BigInteger.ZERO);
        List<byte[]> calls = List.of(Numeric.hexStringToByteArray(splitter(admin).setRates(next).encodeFunctionCall()));
        String description = "Holders 40 %, buyback 10 %";
        byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> governor(small).propose(targets, values, calls, description).send()).as("below the threshold")
                .hasMessageContaining("revert");
        assertThatThrownBy(() -> splitter(whale).setRates(next).send()).as("votes are not the admin").hasMessageContaining("revert");
        governor.propose(targets, values, calls, description).send();
        BigInteger id = governor.hashProposal(targets, values, calls, descriptionHash).send();

        chain.advanceTime(VOTING_DELAY.plusSeconds(1));
        governor.castVote(id, BigInteger.ONE).send();
        governor(small).castVote(id, BigInteger.ZERO).send();
        chain.advanceTime(VOTING_PERIOD.plusSeconds(1));
        assertThat(governor.state(id).send()).isEqualTo(SUCCEEDED);
        governor.queue(targets, values, calls, descriptionHash).send();
        assertThat(governor.state(id).send()).isEqualTo(QUEUED);
        assertThatThrownBy(() -> governor.execute(targets, values, calls, descriptionHash, BigInteger.ZERO).send()).as("the timelock's delay first")
                .hasMessageContaining("revert");
        chain.advanceTime(TIMELOCK_DELAY.plusSeconds(1));
        governor.execute(targets, values, calls, descriptionHash, BigInteger.ZERO).send();
        assertThat(governor.state(id).send()).isEqualTo(EXECUTED);
        var rates = splitter(admin).rates().send();
        assertThat(rates.component1()).isEqualTo(BigInteger.valueOf(4_000));
        assertThat(rates.component2()).isEqualTo(BigInteger.valueOf(1_000));
    }

    private Credentials lockedHolder(BigInteger amount, long weeks) throws Exception {
        Credentials holder = chain.newAccount();
        CyberPlazaToken.load(cpt, chain.web3j(), tx.transactionManager(cptTreasury), tx.gasProvider()).transfer(holder.getAddress(), amount).send();
        CyberPlazaToken.load(cpt, chain.web3j(), tx.transactionManager(holder), tx.gasProvider()).approve(ve.ve(), amount).send();
        VoteEscrowedCpt.load(ve.ve(), chain.web3j(), tx.transactionManager(holder), tx.gasProvider()).createLock(amount, BigInteger.valueOf(weeks)).send();
        return holder;
    }

    private CyberPlazaGovernor governor(Credentials who) {
        return CyberPlazaGovernor.load(ve.governor(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }

    private FeeSplitter splitter(Credentials who) {
        return FeeSplitter.load(ve.feeSplitter(), chain.web3j(), tx.transactionManager(who), tx.gasProvider());
    }
}
