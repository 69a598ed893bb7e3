package io.cyberplaza.local;

import org.web3j.crypto.Credentials;

/**
 * The local chain's well-known development accounts (Hardhat's defaults, published everywhere):
 * fine for a chain that lives in this process, never for anything real.
 */
public final class DevAccounts {
    public static final Credentials ADMIN = Credentials.create("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    /** The payout address of the catalog's "local-cpu" offer. */
    public static final Credentials LOCAL_PROVIDER = Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    public static final Credentials SETTLER = Credentials.create("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
    public static final Credentials TREASURY = Credentials.create("0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a");
    /** Freezes payouts the platform never made; a key of its own, never the settler's. */
    public static final Credentials GUARDIAN = Credentials.create("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
    /** Splits disputes up to the escalation threshold. */
    public static final Credentials ARBITER = Credentials.create("0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e");

    /** Funds rewards epochs from the reserve and proposes their roots; a key of its own, never the escrow's. */
    public static final Credentials REWARDS_PUBLISHER = Credentials.create("0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");

    private DevAccounts() {
    }
}
