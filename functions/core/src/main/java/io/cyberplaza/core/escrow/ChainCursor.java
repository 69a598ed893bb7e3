package io.cyberplaza.core.escrow;

/**
 * How far an ingestor has read a chain: every block up to and including {@code lastBlock}, whose
 * hash was {@code lastBlockHash}, has been applied. {@code version} guards concurrent ingestors.
 */
public record ChainCursor(String cursorId, long lastBlock, String lastBlockHash, long version) {

    public static ChainCursor start(String cursorId, long beforeBlock) {
        return new ChainCursor(cursorId, beforeBlock, null, 0);
    }

    public ChainCursor advancedTo(long block, String hash) {
        return new ChainCursor(cursorId, block, hash, version + 1);
    }
}
