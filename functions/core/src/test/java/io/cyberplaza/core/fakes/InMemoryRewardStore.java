package io.cyberplaza.core.fakes;

import io.cyberplaza.core.rewards.EpochRecord;
import io.cyberplaza.core.rewards.RewardLeaf;
import io.cyberplaza.core.rewards.RewardStore;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;

public final class InMemoryRewardStore implements RewardStore {
    private final ConcurrentSkipListMap<Long, EpochRecord> epochs = new ConcurrentSkipListMap<>();
    private final ConcurrentMap<String, RewardLeaf> leaves = new ConcurrentHashMap<>();

    @Override
    public Optional<EpochRecord> epoch(long epoch) {
        return Optional.ofNullable(epochs.get(epoch));
    }

    @Override
    public Optional<EpochRecord> latest() {
        return Optional.ofNullable(epochs.lastEntry()).map(java.util.Map.Entry::getValue);
    }

    @Override
    public List<EpochRecord> epochs() {
        return List.copyOf(epochs.values());
    }

    @Override
    public boolean create(EpochRecord record) {
        return epochs.putIfAbsent(record.epoch(), record) == null;
    }

    @Override
    public boolean replace(EpochRecord expected, EpochRecord next) {
        boolean[] replaced = {false};
        epochs.computeIfPresent(expected.epoch(), (epoch, stored) -> {
            if (stored.version() != expected.version()) return stored;
            replaced[0] = true;
            return next;
        });
        return replaced[0];
    }

    @Override
    public void putLeaves(Collection<RewardLeaf> written) {
        written.forEach(leaf -> leaves.put(key(leaf.epoch(), leaf.root(), leaf.account()), leaf));
    }

    @Override
    public List<RewardLeaf> leaves(long epoch, String root) {
        return leaves.values().stream().filter(leaf -> leaf.epoch() == epoch && leaf.root().equalsIgnoreCase(root)).toList();
    }

    @Override
    public Optional<RewardLeaf> leaf(long epoch, String root, String account) {
        return Optional.ofNullable(leaves.get(key(epoch, root, account)));
    }

    @Override
    public List<RewardLeaf> leavesOf(String account) {
        return leaves.values().stream().filter(leaf -> leaf.account().equals(account))
                .sorted(Comparator.comparingLong(RewardLeaf::epoch).reversed()).toList();
    }

    private static String key(long epoch, String root, String account) {
        return epoch + "#" + root.toLowerCase() + "#" + account;
    }
}
