package io.cyberplaza.runtime.job;

import io.cyberplaza.chain.EscrowEventIngestor;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The escrow watcher's schedule: reads confirmed escrow events until caught up, a bounded number of polls per run. */
@Singleton
public class EscrowWatch {
    private static final int MAX_POLLS_PER_RUN = 20;

    @Serdeable
    public record Report(long fromBlock, long toBlock, int eventsApplied, int blocksUndone) {
    }

    private final EscrowEventIngestor ingestor;

    public EscrowWatch(EscrowEventIngestor ingestor) {
        this.ingestor = ingestor;
    }

    public Report run() {
        long from = -1, to = -1;
        int applied = 0, undone = 0;
        try {
            for (int poll = 0; poll < MAX_POLLS_PER_RUN; poll++) {
                EscrowEventIngestor.PollResult result = ingestor.poll();
                if (from < 0 && result.toBlock() >= result.fromBlock()) from = result.fromBlock();
                to = Math.max(to, result.toBlock());
                applied += result.eventsApplied();
                undone += result.blocksUndone();
                if (!result.completed() || result.toBlock() < result.fromBlock()) break;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the chain could not be read", e);
        }
        return new Report(from, to, applied, undone);
    }
}
