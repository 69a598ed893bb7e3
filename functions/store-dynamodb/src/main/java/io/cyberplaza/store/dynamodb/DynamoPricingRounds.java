package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.pricing.Rejection;
import io.cyberplaza.store.dynamodb.item.PricingRoundItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The PricingRounds table: each round's summary and its rejections under the round's UTC day, kept 30 days. */
final class DynamoPricingRounds implements PricingRounds {
    static final TableSchema<PricingRoundItem> SCHEMA = TableSchema.fromBean(PricingRoundItem.class);
    private static final Duration RETENTION = Duration.ofDays(30);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<PricingRoundItem> table;

    DynamoPricingRounds(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void record(RoundRecord round) {
        String day = dayOf(round.at());
        String millis = millis(round.at());
        long expiresAt = round.at().plus(RETENTION).getEpochSecond();
        List<PricingRoundItem> items = new ArrayList<>(round.rejections().size() + 1);
        PricingRoundItem summary = item(day, millis, expiresAt);
        summary.setObservations(round.observations());
        summary.setSourcesRead(round.sourcesRead());
        summary.setSourcesFailed(round.sourcesFailed());
        summary.setPricesPublished(round.pricesPublished());
        summary.setFeedsUpdated(round.feedsUpdated());
        summary.setRejectionsTotal(round.rejectionsTotal());
        items.add(summary);
        for (int i = 0; i < round.rejections().size(); i++) {
            Rejection rejection = round.rejections().get(i);
            PricingRoundItem item = item(day, millis + "#" + String.format("%06d", i), expiresAt);
            item.setSource(rejection.source());
            item.setRecordId(rejection.recordId());
            item.setPriceKey(rejection.key() == null ? null : rejection.key().toString());
            item.setReason(rejection.reason().name());
            item.setDetail(rejection.detail());
            items.add(item);
        }
        // Rewriting a round (a retried invocation) puts the same entries again: the record stays one round.
        BatchPuts.putAll(client, table, PricingRoundItem.class, items, "round entries");
    }

    @Override
    public Optional<RoundRecord> latest(Instant since) {
        LocalDate first = LocalDate.ofInstant(since, ZoneOffset.UTC);
        // From tomorrow (a clock a little ahead of this one) back to the day asked for.
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        for (LocalDate day = tomorrow.isAfter(first) ? tomorrow : first; !day.isBefore(first); day = day.minusDays(1)) {
            String partition = day.toString();
            Optional<PricingRoundItem> newest = table.query(r -> r.queryConditional(QueryConditional.keyEqualTo(
                    Key.builder().partitionValue(partition).build())).scanIndexForward(false).limit(1)).items().stream().findFirst();
            if (newest.isEmpty()) continue;
            String millis = newest.get().getEntry().split("#", 2)[0];
            Instant at = Instant.ofEpochMilli(Long.parseLong(millis));
            return at.isBefore(since) ? Optional.empty() : Optional.of(read(partition, millis, at));
        }
        return Optional.empty();
    }

    private RoundRecord read(String day, String millis, Instant at) {
        PricingRoundItem summary = null;
        List<Rejection> rejections = new ArrayList<>();
        for (PricingRoundItem item : table.query(r -> r.queryConditional(QueryConditional.sortBeginsWith(
                Key.builder().partitionValue(day).sortValue(millis).build()))).items()) {
            if (item.getEntry().equals(millis)) {
                summary = item;
            } else {
                rejections.add(new Rejection(item.getSource(), item.getRecordId(),
                        item.getPriceKey() == null ? null : PriceKey.parse(item.getPriceKey()), Rejection.Reason.valueOf(item.getReason()),
                        item.getDetail()));
            }
        }
        if (summary == null) throw new IllegalStateException("the round of " + at + " has rejections but no summary");
        return new RoundRecord(at, summary.getObservations(), summary.getSourcesRead(),
                summary.getSourcesFailed() == null ? List.of() : summary.getSourcesFailed(), summary.getPricesPublished(),
                summary.getFeedsUpdated(), summary.getRejectionsTotal(), rejections);
    }

    private static PricingRoundItem item(String day, String entry, long expiresAt) {
        PricingRoundItem item = new PricingRoundItem();
        item.setDay(day);
        item.setEntry(entry);
        item.setExpiresAt(expiresAt);
        return item;
    }

    private static String dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }

    private static String millis(Instant at) {
        return String.format("%019d", at.toEpochMilli());
    }
}
