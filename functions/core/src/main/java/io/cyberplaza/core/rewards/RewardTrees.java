package io.cyberplaza.core.rewards;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Port: the Merkle tree the distributor checks claims against (hashing is the chain module's). */
public interface RewardTrees {

    /** The tree of each account's cumulative total: its root and every account's proof. */
    Tree build(Map<String, BigInteger> cumulative);

    record Tree(String root, Map<String, List<String>> proofs) {
        public Tree {
            proofs = Map.copyOf(proofs);
        }
    }
}
