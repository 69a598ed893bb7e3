package io.cyberplaza.store.document;

import io.cyberplaza.core.rewards.EpochRecord;
import io.cyberplaza.core.rewards.RewardLeaf;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentStore.Write;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Rewards collection: epochs in one partition, ordered by their zero-padded number; each tree's
 * leaves in a partition of their own (epoch and root), one document an account, found by account
 * through the indexed {@code account} field.
 */
final class DocumentRewardStore implements RewardStore {
    private static final String EPOCHS = "epochs";

    private final DocumentTable<EpochRecord> epochs;
    private final DocumentTable<RewardLeaf> leaves;

    DocumentRewardStore(DocumentStore store, String collection) {
        this.epochs = new DocumentTable<>(store, collection, EpochRecord.class, record -> epochKey(record.epoch()));
        this.leaves = new DocumentTable<>(store, collection, RewardLeaf.class,
                leaf -> new DocumentKey(leafPartition(leaf.epoch(), leaf.root()), leaf.account()), leaf -> Map.of("account", leaf.account()));
    }

    @Override
    public Optional<EpochRecord> epoch(long epoch) {
        return epochs.find(epochKey(epoch));
    }

    @Override
    public Optional<EpochRecord> latest() {
        List<EpochRecord> all = epochs();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    @Override
    public List<EpochRecord> epochs() {
        return epochs.rows(EPOCHS, null, 0);
    }

    @Override
    public boolean create(EpochRecord record) {
        return epochs.create(record);
    }

    @Override
    public boolean replace(EpochRecord expected, EpochRecord next) {
        return epochs.replaceIf(epochKey(expected.epoch()), stored -> stored.version() == expected.version(), next);
    }

    @Override
    public void putLeaves(Collection<RewardLeaf> written) {
        // A commit spans one partition: each tree's leaves in commits of the most every database takes.
        Map<String, List<RewardLeaf>> byTree = written.stream().collect(Collectors.groupingBy(leaf -> leafPartition(leaf.epoch(), leaf.root())));
        for (List<RewardLeaf> tree : byTree.values()) {
            for (int from = 0; from < tree.size(); from += DocumentStore.MAX_WRITES_PER_COMMIT) {
                List<Write> puts = tree.subList(from, Math.min(from + DocumentStore.MAX_WRITES_PER_COMMIT, tree.size())).stream()
                        .map(leaves::putWrite).toList();
                if (!leaves.commit(puts)) throw new IllegalStateException("reward leaves were not written");
            }
        }
    }

    @Override
    public List<RewardLeaf> leaves(long epoch, String root) {
        return leaves.rows(leafPartition(epoch, root), null, 0);
    }

    @Override
    public Optional<RewardLeaf> leaf(long epoch, String root, String account) {
        return leaves.find(new DocumentKey(leafPartition(epoch, root), account));
    }

    @Override
    public List<RewardLeaf> leavesOf(String account) {
        return leaves.where("account", account).stream().sorted(Comparator.comparingLong(RewardLeaf::epoch).reversed()).toList();
    }

    private static DocumentKey epochKey(long epoch) {
        return new DocumentKey(EPOCHS, String.format("%019d", epoch));
    }

    private static String leafPartition(long epoch, String root) {
        return "leaves-" + epoch + "-" + root.toLowerCase(Locale.ROOT);
    }
}
