package io.cyberplaza.chain.rewards;

import io.cyberplaza.core.rewards.RewardTrees;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The core's tree port over {@link RewardTree}, the tree the distributor checks. */
public final class MerkleRewardTrees implements RewardTrees {
    @Override
    public Tree build(Map<String, BigInteger> cumulative) {
        RewardTree tree = RewardTree.of(cumulative);
        Map<String, List<String>> proofs = tree.leaves().stream().collect(Collectors.toMap(RewardTree.Leaf::account, RewardTree.Leaf::proof));
        return new Tree(tree.root(), proofs);
    }
}
