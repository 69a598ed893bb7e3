package io.cyberplaza.core.rewards;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * One account's leaf of one epoch's tree: the total it ever earned up to and including the epoch,
 * what the epoch added, and the proof the distributor checks. Leaves are stored under their tree's
 * root, so a run that crashed after writing the leaves of a tree it never recorded leaves nothing
 * that can be mistaken for the recorded tree's.
 */
public record RewardLeaf(long epoch, String root, String account, BigInteger earned, BigInteger cumulative, List<String> proof) {
    public RewardLeaf {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(account, "account");
        proof = List.copyOf(proof);
        if (earned.signum() < 0 || cumulative.compareTo(earned) < 0) throw new IllegalArgumentException("a leaf holds at least what its epoch added");
    }
}
