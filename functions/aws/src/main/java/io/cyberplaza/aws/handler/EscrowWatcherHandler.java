package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.chain.EscrowEventIngestor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Schedule: ingests confirmed escrow events until caught up (bounded, so one run stays short). */
public class EscrowWatcherHandler extends MicronautRequestHandler<ScheduledEvent, EscrowWatcherHandler.Report> {
    private static final int MAX_POLLS_PER_RUN = 20;

    @Serdeable
    public record Report(long fromBlock, long toBlock, int eventsApplied, int blocksUndone) {
    }

    @Inject
    EscrowEventIngestor ingestor;

    public EscrowWatcherHandler() {
    }

    public EscrowWatcherHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public Report execute(ScheduledEvent event) {
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
