package io.cyberplaza.core.rewards;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: the Rewards table: one row per epoch, and one per account in each epoch's tree. */
public interface RewardStore {

    Optional<EpochRecord> epoch(long epoch);

    /** The newest epoch recorded, if any. */
    Optional<EpochRecord> latest();

    /** Every recorded epoch, oldest first (one a week). */
    List<EpochRecord> epochs();

    /** @return false when the epoch is recorded already */
    boolean create(EpochRecord record);

    /** @return false when the stored row is no longer at expected's version */
    boolean replace(EpochRecord expected, EpochRecord next);

    /** Writes (or writes again, unchanged) a tree's leaves; idempotent. */
    void putLeaves(Collection<RewardLeaf> leaves);

    /** The leaves of the tree with {@code root} stored under {@code epoch}. */
    List<RewardLeaf> leaves(long epoch, String root);

    Optional<RewardLeaf> leaf(long epoch, String root, String account);

    /** Every leaf stored for {@code account} (lower-case), in any tree, newest epoch first. */
    List<RewardLeaf> leavesOf(String account);
}
