package io.cyberplaza.store.document;

import io.cyberplaza.core.escrow.ChainCursor;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.ProcessedBlock;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentStore.Write;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cursor and its processed blocks share a partition: the cursor at the empty row, which sorts
 * before every block, and each block at {@code b#<zero-padded number>}, so blocks read in order.
 */
final class DocumentChainCursorStore implements ChainCursorStore {
    private static final String CURSOR_ROW = "";
    private static final Duration BLOCK_RETENTION = Duration.ofDays(7);

    record Block(String cursorId, ProcessedBlock block, Instant expiresAt) {
    }

    private final DocumentTable<ChainCursor> cursors;
    private final DocumentTable<Block> blocks;
    private final Clock clock;

    DocumentChainCursorStore(DocumentStore store, String collection, Clock clock) {
        this.cursors = new DocumentTable<>(store, collection, ChainCursor.class, cursor -> new DocumentKey(cursor.cursorId(), CURSOR_ROW));
        this.blocks = new DocumentTable<>(store, collection, Block.class, kept -> blockKey(kept.cursorId(), kept.block().number()),
                kept -> Map.of(DocumentStores.EXPIRES_AT, kept.expiresAt()));
        this.clock = clock;
    }

    private static String blockRow(long number) {
        return "b#" + String.format("%019d", number);
    }

    private static DocumentKey blockKey(String cursorId, long number) {
        return new DocumentKey(cursorId, blockRow(number));
    }

    @Override
    public Optional<ChainCursor> load(String cursorId) {
        return cursors.find(new DocumentKey(cursorId, CURSOR_ROW));
    }

    @Override
    public void saveBlocks(String cursorId, List<ProcessedBlock> processed) {
        Instant expiresAt = clock.instant().plus(BLOCK_RETENTION);
        for (int from = 0; from < processed.size(); from += DocumentStore.MAX_WRITES_PER_COMMIT) {
            List<Write> writes = processed.subList(from, Math.min(processed.size(), from + DocumentStore.MAX_WRITES_PER_COMMIT)).stream()
                    .map(block -> blocks.putWrite(new Block(cursorId, block, expiresAt))).toList();
            blocks.commit(writes);
        }
    }

    @Override
    public Optional<ProcessedBlock> block(String cursorId, long number) {
        return blocks.find(blockKey(cursorId, number)).map(Block::block);
    }

    @Override
    public List<ProcessedBlock> blocksAbove(String cursorId, long number) {
        List<ProcessedBlock> above = new ArrayList<>(blocks.rows(cursorId, blockRow(number), 0).stream().map(Block::block).toList());
        return above.reversed();
    }

    @Override
    public void deleteBlock(String cursorId, long number) {
        blocks.delete(blockKey(cursorId, number));
    }

    @Override
    public boolean move(ChainCursor expected, ChainCursor next) {
        if (expected.version() == 0) return cursors.create(next);
        return cursors.replaceIf(new DocumentKey(expected.cursorId(), CURSOR_ROW), stored -> stored.version() == expected.version(), next);
    }
}
