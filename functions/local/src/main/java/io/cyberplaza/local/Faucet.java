package io.cyberplaza.local;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.utils.Numeric;

import java.math.BigInteger;

/** Test USDC and gas for any address, on the local chain only. */
public final class Faucet {
    public static final long MAX_MICRO_USDC = 1_000_000_000_000L; // 1,000,000 USDC per request
    private static final BigInteger TEN_ETHER = BigInteger.TEN.pow(19);

    private final HardhatNode node;
    private final TestUSDC usdc;

    Faucet(HardhatNode node, EscrowDeployer deployer, EscrowDeployer.Deployment deployment) {
        this.node = node;
        this.usdc = TestUSDC.load(deployment.usdc(), node.web3j(), deployer.transactionManager(DevAccounts.ADMIN),
                deployer.gasProvider());
    }

    public synchronized String fund(String address, long microUsdc) throws Exception {
        node.rpc("hardhat_setBalance", address, Numeric.toHexStringWithPrefix(TEN_ETHER));
        return usdc.mint(address, BigInteger.valueOf(microUsdc)).send().getTransactionHash();
    }
}
