package io.cyberplaza.core.contract;

import io.cyberplaza.core.rewards.EpochRecord;
import io.cyberplaza.core.rewards.RewardEpoch;
import io.cyberplaza.core.rewards.RewardLeaf;
import io.cyberplaza.core.rewards.RewardRules;
import io.cyberplaza.core.rewards.RewardSchedule;
import io.cyberplaza.core.rewards.RewardStore;
import io.cyberplaza.core.rewards.SettledSpend;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class RewardStoreContract {
    private static final RewardRules RULES = RewardRules.whitepaper(100_000, RewardRules.CPT.multiply(BigInteger.valueOf(1_000)), 1_000_000_000L);
    private static final RewardSchedule SCHEDULE = new RewardSchedule(Instant.parse("2026-01-05T00:00:00Z"), Duration.ofDays(7), Duration.ofHours(1));

    protected abstract RewardStore store();

    @Test
    void anEpochIsRecordedOnceMovesOnConditionallyAndTheNewestIsTheLatest() {
        RewardStore store = store();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EpochRecord first = record(1, "0x" + "1".repeat(64), now);
        EpochRecord second = record(2, "0x" + "2".repeat(64), now);
        assertThat(store.create(first)).isTrue();
        assertThat(store.create(first)).as("an epoch is computed once").isFalse();
        assertThat(store.create(second)).isTrue();

        EpochRecord funded = second.at(EpochRecord.Stage.FUNDED, now.plusSeconds(1));
        assertThat(store.replace(second, funded)).isTrue();
        assertThat(store.replace(second, second.waiting("stale", false, now))).as("written against a stale read").isFalse();
        assertThat(store.epoch(2)).contains(funded);
        assertThat(store.latest()).contains(funded);
        assertThat(store.epochs()).extracting(EpochRecord::epoch).containsSubsequence(1L, 2L);
        assertThat(store.epoch(99)).isEmpty();
    }

    @Test
    void leavesAreKeptPerTreeAndFoundByAccount() {
        RewardStore store = store();
        long epoch = 1_000 + java.util.concurrent.ThreadLocalRandom.current().nextLong(1_000_000);
        String root = "0x" + "a".repeat(64);
        String otherRoot = "0x" + "b".repeat(64);
        String account = "0x" + Long.toHexString(epoch) + "0".repeat(40 - Long.toHexString(epoch).length());
        List<RewardLeaf> tree = new ArrayList<>();
        // More than one batch of any database's writes.
        IntStream.range(0, 130).forEach(i -> tree.add(new RewardLeaf(epoch, root, i == 0 ? account : String.format("0x%040x", epoch * 1_000 + i),
                BigInteger.valueOf(i + 1), BigInteger.valueOf(10L * (i + 1)), List.of("0x" + "c".repeat(64), "0x" + "d".repeat(64)))));
        store.putLeaves(tree);
        store.putLeaves(tree);
        RewardLeaf stray = new RewardLeaf(epoch, otherRoot, account, BigInteger.TWO, BigInteger.TEN, List.of());
        store.putLeaves(List.of(stray));
        RewardLeaf earlier = new RewardLeaf(epoch - 1, root, account, BigInteger.ONE, BigInteger.ONE, List.of("0x" + "e".repeat(64)));
        store.putLeaves(List.of(earlier));

        assertThat(store.leaves(epoch, root)).hasSize(130).containsAll(tree);
        assertThat(store.leaves(epoch, otherRoot)).containsExactly(stray);
        assertThat(store.leaf(epoch, root, account)).contains(tree.getFirst());
        assertThat(store.leaf(epoch, "0x" + "f".repeat(64), account)).isEmpty();
        assertThat(store.leavesOf(account)).containsExactlyInAnyOrder(tree.getFirst(), stray, earlier);
        assertThat(store.leavesOf(account).getLast()).isEqualTo(earlier);
    }

    private static EpochRecord record(long epoch, String root, Instant now) {
        RewardEpoch computed = RewardEpoch.compute(epoch, List.of(new SettledSpend("0x" + "9".repeat(64), "0x00000000000000000000000000000000000000a1",
                "0x00000000000000000000000000000000000000b2", 5_000_000L, true)), RULES, BigInteger.ZERO);
        return EpochRecord.of(computed, root, epoch, 2, SCHEDULE, 1, RULES, now);
    }
}
