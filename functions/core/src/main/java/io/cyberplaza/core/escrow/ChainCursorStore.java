package io.cyberplaza.core.escrow;

import java.util.List;
import java.util.Optional;

/** Port: the ChainCursor table, a cursor per (chain, contract) plus the blocks it processed. */
public interface ChainCursorStore {

    Optional<ChainCursor> load(String cursorId);

    /** Stores processed blocks (an idempotent overwrite: a re-scan writes the same rows). */
    void saveBlocks(String cursorId, List<ProcessedBlock> blocks);

    Optional<ProcessedBlock> block(String cursorId, long number);

    /** Processed blocks with a number greater than {@code number}, highest first. */
    List<ProcessedBlock> blocksAbove(String cursorId, long number);

    void deleteBlock(String cursorId, long number);

    /**
     * Moves the cursor from {@code expected} to {@code next} (forwards after a scan, backwards after
     * a reorg) only if it is still at expected's version; a missing cursor counts as version 0.
     *
     * @return false if another ingestor moved it first
     */
    boolean move(ChainCursor expected, ChainCursor next);
}
