package io.cyberplaza.chain.testing;

import io.cyberplaza.chain.HardhatNode;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;

/** The Hardhat node of a test run, with the node-only controls tests use: mining, snapshots, time. */
public final class LocalChain {
    private final HardhatNode node;

    LocalChain(HardhatNode node) {
        this.node = node;
    }

    public Web3j web3j() {
        return node.web3j();
    }

    public String rpcUrl() {
        return node.rpcUrl();
    }

    public long chainId() {
        return HardhatNode.CHAIN_ID;
    }

    /** A fresh key with 1,000 ether, so tests never share an account (or its nonces). */
    public Credentials newAccount() {
        try {
            return node.newFundedAccount();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long blockNumber() {
        try {
            return web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long latestTimestamp() {
        try {
            return web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock()
                    .getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void mine(int blocks) {
        rpc("hardhat_mine", Numeric.toHexStringWithPrefix(BigInteger.valueOf(blocks)));
    }

    public String snapshot() {
        return (String) rpc("evm_snapshot");
    }

    public void revert(String snapshotId) {
        if (!Boolean.TRUE.equals(rpc("evm_revert", snapshotId))) throw new IllegalStateException("evm_revert refused " + snapshotId);
    }

    public void setAutomine(boolean enabled) {
        rpc("evm_setAutomine", enabled);
    }

    /** Moves the clock forward and mines a block at the new time. */
    public void advanceTime(Duration duration) {
        rpc("evm_increaseTime", duration.toSeconds());
        mine(1);
    }

    public void dropTransaction(String txHash) {
        rpc("hardhat_dropTransaction", txHash);
    }

    public Object rpc(String method, Object... params) {
        try {
            return node.rpc(method, params);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
