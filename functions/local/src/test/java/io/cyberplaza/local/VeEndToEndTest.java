package io.cyberplaza.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.contracts.FeeSplitter;
import io.cyberplaza.chain.contracts.TestUSDC;
import io.cyberplaza.chain.contracts.VeFeeDistributor;
import io.cyberplaza.chain.ve.VeDeployer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * veCPT on the whole local stack: a holder's lock earns a discounted fee on its order, the rewards
 * schedule splits the week's fees on its own, and the holder claims its USDC share; the splits and
 * the distributor's books are checked on chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VeEndToEndTest {
    private LocalMarketplace stack;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-ve"), LocalMarketplace.Options.runner()));
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void aHoldersOrderPaysTheDiscountedFeeAndTheHolderClaimsItsShareOfTheWeeksSplit() throws Exception {
        Web3j web3j = stack.node().web3j();
        ObjectNode summary = new VeWalkthrough(stack.info(), web3j, new PrintStream(OutputStream.nullOutputStream())).demo();

        long without = Long.parseLong(summary.path("feeWithoutDiscount").asText());
        long charged = Long.parseLong(summary.path("feeCharged").asText());
        int discountBps = summary.path("discountBps").asInt();
        assertThat(discountBps).isEqualTo(1_000);
        assertThat(charged).isEqualTo(without - without * discountBps / 10_000);
        BigInteger claimed = new BigInteger(summary.path("feeShareClaimed").asText());
        assertThat(claimed).isPositive();

        VeDeployer.Deployment ve = stack.chain().ve();
        List<FeeSplitter.FeesSplitEventResponse> splits = splits(web3j, ve.feeSplitter());
        BigInteger holdersPart = BigInteger.ZERO;
        for (FeeSplitter.FeesSplitEventResponse split : splits) {
            assertThat(split.holders.add(split.buyback).add(split.operations).add(split.teamAndFoundation).add(split.emergencyReserve))
                    .as("week %s's parts add up", split.week).isEqualTo(split.amount);
            holdersPart = holdersPart.add(split.holders);
        }
        assertThat(splits.stream().map(split -> split.amount).reduce(BigInteger.ZERO, BigInteger::add)).as("the order's fee was split")
                .isPositive();
        EscrowDeployer tx = new EscrowDeployer(web3j, stack.info().chainId());
        VeFeeDistributor distributor = VeFeeDistributor.load(ve.feeDistributor(), web3j, tx.transactionManager(DevAccounts.ADMIN), tx.gasProvider());
        TestUSDC usdc = TestUSDC.load(stack.info().usdc(), web3j, tx.transactionManager(DevAccounts.ADMIN), tx.gasProvider());
        assertThat(distributor.deposited().send()).as("the distributor received the holders' parts").isEqualTo(holdersPart);
        assertThat(distributor.claimed().send()).isEqualTo(claimed);
        assertThat(usdc.balanceOf(ve.feeDistributor()).send()).as("the distributor holds what it owes")
                .isEqualTo(distributor.deposited().send().subtract(distributor.claimed().send()));
        assertThat(usdc.balanceOf(ve.feeSplitter()).send()).isZero();
        assertThat(usdc.balanceOf(ve.buybackBurner()).send()).isEqualTo(splits.stream().map(s -> s.buyback).reduce(BigInteger.ZERO, BigInteger::add));
    }

    private static List<FeeSplitter.FeesSplitEventResponse> splits(Web3j web3j, String splitter) throws Exception {
        EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, splitter);
        filter.addSingleTopic(EventEncoder.encode(FeeSplitter.FEESSPLIT_EVENT));
        return web3j.ethGetLogs(filter).send().getLogs().stream().map(result -> FeeSplitter.getFeesSplitEventFromLog((Log) result.get())).toList();
    }
}
