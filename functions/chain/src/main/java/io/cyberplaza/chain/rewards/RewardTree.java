package io.cyberplaza.chain.rewards;

import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Merkle tree of one epoch's cumulative rewards, as {@code RewardsDistributor} checks it: a leaf
 * is {@code keccak256(keccak256(abi.encode(account, cumulative)))}, inner nodes hash their two
 * children in sorted order (OpenZeppelin's {@code MerkleProof}), and a node without a sibling moves
 * up unchanged. Leaves are sorted by account, so the same totals always give the same root.
 */
public final class RewardTree {

    /** An account's total ever earned (CPT base units) and the proof of it. */
    public record Leaf(String account, BigInteger cumulative, List<String> proof) {
    }

    private final byte[] root;
    private final Map<String, Leaf> leaves;

    private RewardTree(byte[] root, Map<String, Leaf> leaves) {
        this.root = root;
        this.leaves = leaves;
    }

    /** @param cumulative each account's total ever earned; accounts with nothing are left out */
    public static RewardTree of(Map<String, BigInteger> cumulative) {
        List<Map.Entry<String, BigInteger>> entries = cumulative.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .map(e -> Map.entry(e.getKey().toLowerCase(Locale.ROOT), e.getValue()))
                .sorted(Map.Entry.comparingByKey()).toList();
        if (entries.isEmpty()) return new RewardTree(new byte[32], Map.of());
        List<byte[]> level = new ArrayList<>(entries.stream().map(e -> leafHash(e.getKey(), e.getValue())).toList());
        List<List<String>> proofs = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            proofs.add(new ArrayList<>());
            positions.add(i);
        }
        while (level.size() > 1) {
            for (int leaf = 0; leaf < entries.size(); leaf++) {
                int position = positions.get(leaf);
                int sibling = position ^ 1;
                if (sibling < level.size()) proofs.get(leaf).add(Numeric.toHexString(level.get(sibling)));
                positions.set(leaf, position / 2);
            }
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? hashPair(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        Map<String, Leaf> byAccount = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            byAccount.put(entries.get(i).getKey(), new Leaf(entries.get(i).getKey(), entries.get(i).getValue(), List.copyOf(proofs.get(i))));
        }
        return new RewardTree(level.getFirst(), Map.copyOf(byAccount));
    }

    public String root() {
        return Numeric.toHexString(root);
    }

    public byte[] rootBytes() {
        return root.clone();
    }

    public Optional<Leaf> leaf(String account) {
        return Optional.ofNullable(leaves.get(account.toLowerCase(Locale.ROOT)));
    }

    public List<Leaf> leaves() {
        return leaves.values().stream().sorted(Comparator.comparing(Leaf::account)).toList();
    }

    static byte[] leafHash(String account, BigInteger cumulative) {
        String encoded = TypeEncoder.encode(new Address(account)) + TypeEncoder.encode(new Uint256(cumulative));
        return Hash.sha3(Hash.sha3(Numeric.hexStringToByteArray(encoded)));
    }

    private static byte[] hashPair(byte[] a, byte[] b) {
        byte[] first = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        byte[] second = first == a ? b : a;
        byte[] both = new byte[64];
        System.arraycopy(first, 0, both, 0, 32);
        System.arraycopy(second, 0, both, 32, 32);
        return Hash.sha3(both);
    }
}
