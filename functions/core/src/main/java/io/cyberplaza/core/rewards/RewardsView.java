package io.cyberplaza.core.rewards;

import io.cyberplaza.core.rewards.EpochRecord.Stage;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What the API shows of rewards: an account's, and an epoch's. */
public final class RewardsView {

    /**
     * An account's rewards. {@code claimable} is what the claimable (accepted) tree owes it beyond
     * what it claimed; {@code claim} is how to claim it, absent when there is nothing to claim.
     */
    public record AccountRewards(String account, BigInteger earned, BigInteger claimed, BigInteger claimable, Claim claim,
                                 List<EpochShare> epochs) {
    }

    /** The arguments of the distributor's {@code claim(account, cumulative, proof)}. */
    public record Claim(String distributor, long epoch, String account, BigInteger cumulative, List<String> proof) {
    }

    /** What the account earned in an epoch, and its total after it; {@code stage} says whether it is claimable yet. */
    public record EpochShare(long epoch, Stage stage, BigInteger earned, BigInteger cumulative) {
    }

    private final RewardStore store;
    private final RewardsChain chain;

    public RewardsView(RewardStore store, RewardsChain chain) {
        this.store = store;
        this.chain = chain;
    }

    public AccountRewards of(String account) {
        String key = account.toLowerCase(Locale.ROOT);
        Map<Long, Optional<EpochRecord>> epochs = new HashMap<>();
        // Only the leaves of the trees the epochs recorded: a crashed run's other tree is never shown.
        List<RewardLeaf> leaves = store.leavesOf(key).stream()
                .filter(leaf -> epochs.computeIfAbsent(leaf.epoch(), store::epoch).filter(e -> e.root().equalsIgnoreCase(leaf.root())).isPresent())
                .toList();
        List<EpochShare> shares = leaves.stream().filter(leaf -> leaf.earned().signum() > 0)
                .map(leaf -> new EpochShare(leaf.epoch(), epochs.get(leaf.epoch()).orElseThrow().stage(), leaf.earned(), leaf.cumulative()))
                .toList();
        BigInteger earned = leaves.stream().map(RewardLeaf::cumulative).max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        BigInteger claimed = chain.claimed(key);
        Optional<EpochRecord> claimableEpoch = claimable();
        Optional<RewardLeaf> claimableLeaf = claimableEpoch.flatMap(e -> leaves.stream()
                .filter(leaf -> leaf.epoch() == e.leafEpoch() && leaf.root().equalsIgnoreCase(e.root())).findFirst());
        BigInteger claimable = claimableLeaf.map(leaf -> leaf.cumulative().subtract(claimed).max(BigInteger.ZERO)).orElse(BigInteger.ZERO);
        Claim claim = claimable.signum() == 0 ? null : new Claim(chain.distributorAddress(), claimableEpoch.get().epoch(), key,
                claimableLeaf.get().cumulative(), claimableLeaf.get().proof());
        return new AccountRewards(key, earned, claimed, claimable, claim, shares);
    }

    /** The newest accepted epoch: epochs are published in order, so only the newest may not be accepted yet. */
    private Optional<EpochRecord> claimable() {
        Optional<EpochRecord> latest = store.latest();
        if (latest.isEmpty() || latest.get().isFinal()) return latest;
        return latest.get().epoch() > 1 ? store.epoch(latest.get().epoch() - 1) : Optional.empty();
    }

    public Optional<EpochRecord> epoch(long epoch) {
        return store.epoch(epoch);
    }
}
