package io.cyberplaza.core.contract;

import io.cyberplaza.core.escrow.ChainCursor;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.EscrowEvent;
import io.cyberplaza.core.escrow.EventKey;
import io.cyberplaza.core.escrow.ProcessedBlock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

public abstract class ChainCursorStoreContract {

    protected abstract ChainCursorStore store();

    @Test
    void theCursorMovesOnlyFromTheVersionItWasReadAt() {
        ChainCursorStore store = store();
        String id = "escrow:31337:" + UUID.randomUUID();
        assertThat(store.load(id)).isEmpty();

        ChainCursor start = ChainCursor.start(id, 0);
        ChainCursor first = start.advancedTo(10, "0xh10");
        assertThat(store.move(start, first)).isTrue();
        assertThat(store.move(start, start.advancedTo(11, "0xother"))).isFalse();
        assertThat(store.load(id)).contains(first);

        ChainCursor back = first.advancedTo(7, "0xh7");
        assertThat(store.move(first, back)).isTrue();
        assertThat(store.move(first, first.advancedTo(12, "0xh12"))).isFalse();
        assertThat(store.load(id)).contains(back);
    }

    @Test
    void blocksKeepTheirEventsAndAreListedHighestFirst() {
        ChainCursorStore store = store();
        String id = "escrow:31337:" + UUID.randomUUID();
        var deposit = new EscrowEvent.Deposited(new EventKey("0xt1", 2), 5, "0xh5",
                "0x" + "ab".repeat(32), "0x00000000000000000000000000000000000000a1", "0x00000000000000000000000000000000000000a1",
                1_000_000L, 3_000_000L);
        var settled = new EscrowEvent.Settled(new EventKey("0xt2", 0), 6, "0xh6", "0x" + "ab".repeat(32),
                "0x00000000000000000000000000000000000000a1",
                "0x00000000000000000000000000000000000000b2", 2_900_000L, 60_000L, 40_000L, 1_800_000_000L);
        var reclaimed = new EscrowEvent.Reclaimed(new EventKey("0xt3", 1), 7, "0xh7", "0x" + "cd".repeat(32),
                "0x00000000000000000000000000000000000000a1", 5L);
        List<ProcessedBlock> blocks = List.of(
                new ProcessedBlock(4, "0xh4", "0xh3", List.of()),
                new ProcessedBlock(5, "0xh5", "0xh4", List.of(deposit)),
                new ProcessedBlock(6, "0xh6", "0xh5", List.of(settled)),
                new ProcessedBlock(7, "0xh7", "0xh6", List.of(reclaimed)));
        store.saveBlocks(id, blocks);
        store.saveBlocks(id, blocks); // a re-scan writes the same rows again

        assertThat(store.block(id, 5)).contains(blocks.get(1));
        assertThat(store.blocksAbove(id, 4)).containsExactly(blocks.get(3), blocks.get(2), blocks.get(1));
        store.deleteBlock(id, 7);
        assertThat(store.block(id, 7)).isEmpty();
        assertThat(store.blocksAbove(id, 5)).containsExactly(blocks.get(2));
    }
}
