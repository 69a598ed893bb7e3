package io.cyberplaza.store.document;

import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.pricing.Rejection;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentStore.Write;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rounds partitioned by UTC day: a summary row per round ({@code s#<millis>}) and its rejections in
 * chunks ({@code c#<millis>#<n>}) small enough for any database's largest field. A round of the
 * most rejections kept fits one commit, so a round is read back whole or not at all.
 */
final class DocumentPricingRounds implements PricingRounds {
    private static final Duration RETENTION = Duration.ofDays(30);
    private static final int REJECTIONS_PER_CHUNK = 100;
    private static final String SUMMARIES_FROM = "s#";

    record Summary(Instant at, int observations, int sourcesRead, List<String> sourcesFailed, int pricesPublished,
                   int feedsUpdated, int rejectionsTotal, int chunks) {
    }

    record Chunk(Instant at, int index, List<Rejection> rejections) {
    }

    private final DocumentTable<Summary> summaries;
    private final DocumentTable<Chunk> chunks;
    private final Clock clock;

    DocumentPricingRounds(DocumentStore store, String collection, Clock clock) {
        this.summaries = new DocumentTable<>(store, collection, Summary.class,
                summary -> new DocumentKey(day(summary.at()), SUMMARIES_FROM + millis(summary.at())),
                summary -> Map.of(DocumentStores.EXPIRES_AT, summary.at().plus(RETENTION)));
        this.chunks = new DocumentTable<>(store, collection, Chunk.class,
                chunk -> new DocumentKey(day(chunk.at()), chunksFrom(chunk.at()) + String.format("%04d", chunk.index())),
                chunk -> Map.of(DocumentStores.EXPIRES_AT, chunk.at().plus(RETENTION)));
        this.clock = clock;
        if (PricingRounds.KEPT_REJECTIONS / REJECTIONS_PER_CHUNK + 1 > DocumentStore.MAX_WRITES_PER_COMMIT) {
            throw new IllegalStateException("a round of kept rejections no longer fits one commit");
        }
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static String millis(Instant at) {
        return String.format("%015d", at.toEpochMilli());
    }

    private static String chunksFrom(Instant at) {
        return "c#" + millis(at) + "#";
    }

    @Override
    public void record(RoundRecord round) {
        List<Rejection> kept = round.rejections();
        int chunkCount = (kept.size() + REJECTIONS_PER_CHUNK - 1) / REJECTIONS_PER_CHUNK;
        List<Write> writes = new ArrayList<>(chunkCount + 1);
        writes.add(summaries.putWrite(new Summary(round.at(), round.observations(), round.sourcesRead(), round.sourcesFailed(),
                round.pricesPublished(), round.feedsUpdated(), round.rejectionsTotal(), chunkCount)));
        for (int i = 0; i < chunkCount; i++) {
            List<Rejection> part = kept.subList(i * REJECTIONS_PER_CHUNK, Math.min(kept.size(), (i + 1) * REJECTIONS_PER_CHUNK));
            writes.add(chunks.putWrite(new Chunk(round.at(), i, part)));
        }
        // Rewriting a round (a retried invocation) puts the same rows again: the record stays one round.
        summaries.commit(writes);
    }

    @Override
    public Optional<RoundRecord> latest(Instant since) {
        LocalDate first = LocalDate.ofInstant(since, ZoneOffset.UTC);
        // From tomorrow (a clock a little ahead of this one) back to the day asked for.
        LocalDate tomorrow = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        for (LocalDate day = tomorrow.isAfter(first) ? tomorrow : first; !day.isBefore(first); day = day.minusDays(1)) {
            Optional<Summary> newest = summaries.rows(day.toString(), SUMMARIES_FROM, 0).stream().max(Comparator.comparing(Summary::at));
            if (newest.isEmpty()) continue;
            Summary summary = newest.get();
            if (summary.at().isBefore(since)) return Optional.empty();
            List<Rejection> rejections = summary.chunks() == 0 ? List.of() : chunks.rows(day.toString(), chunksFrom(summary.at()), summary.chunks()).stream()
                    .sorted(Comparator.comparingInt(Chunk::index))
                    .flatMap(chunk -> chunk.rejections().stream()).toList();
            return Optional.of(new RoundRecord(summary.at(), summary.observations(), summary.sourcesRead(), summary.sourcesFailed(),
                    summary.pricesPublished(), summary.feedsUpdated(), summary.rejectionsTotal(), rejections));
        }
        return Optional.empty();
    }
}
