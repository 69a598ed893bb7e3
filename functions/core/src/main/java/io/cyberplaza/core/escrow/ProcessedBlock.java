package io.cyberplaza.core.escrow;

import java.util.List;

/**
 * A block an ingestor has read, with the escrow events it applied from it, kept so a reorg can be
 * detected (hash and parent hash) and undone (events).
 */
public record ProcessedBlock(long number, String hash, String parentHash, List<EscrowEvent> events) {
    public ProcessedBlock {
        events = List.copyOf(events);
    }
}
