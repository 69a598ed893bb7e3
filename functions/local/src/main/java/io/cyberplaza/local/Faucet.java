package io.cyberplaza.local;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.chain.contracts.TestUSDC;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/** Test USDC and gas for any address, on the local chain only. */
public final class Faucet {
    public static final long MAX_MICRO_USDC = 1_000_000_000_000L; // 1,000,000 USDC per request
    private static final BigInteger TEN_ETHER = BigInteger.TEN.pow(19);

    private final Web3jService node;
    private final TestUSDC usdc;

    /** @param node the local node's JSON-RPC, which also answers {@code hardhat_setBalance} */
    Faucet(Web3jService node, String usdcAddress) {
        this.node = node;
        Web3j web3j = Web3j.build(node);
        EscrowDeployer deployer = new EscrowDeployer(web3j, HardhatNode.CHAIN_ID);
        this.usdc = TestUSDC.load(usdcAddress, web3j, deployer.transactionManager(DevAccounts.ADMIN), deployer.gasProvider());
    }

    public synchronized String fund(String address, long microUsdc) throws Exception {
        HardhatNode.RawResponse gas = new Request<>("hardhat_setBalance", List.of(address, Numeric.toHexStringWithPrefix(TEN_ETHER)),
                node, HardhatNode.RawResponse.class).send();
        if (gas.hasError()) throw new IOException("hardhat_setBalance failed: " + gas.getError().getMessage());
        return usdc.mint(address, BigInteger.valueOf(microUsdc)).send().getTransactionHash();
    }
}
