package io.cyberplaza.core.escrow;

/**
 * Receives escrow events from confirmed blocks. Both methods must be idempotent: the ingestor
 * delivers at least once, and after a reorg it undoes what it applied above the common ancestor.
 */
public interface EscrowEventHandler {

    void apply(EscrowEvent event);

    void undo(EscrowEvent event);
}
