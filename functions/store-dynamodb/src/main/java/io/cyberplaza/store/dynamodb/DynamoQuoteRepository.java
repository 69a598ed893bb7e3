package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.order.Workload;
import io.cyberplaza.core.quote.PriceSnapshot;
import io.cyberplaza.core.quote.Quote;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.store.dynamodb.item.QuoteItem;
import io.cyberplaza.store.dynamodb.item.TaskPlanItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

final class DynamoQuoteRepository implements QuoteRepository {
    static final TableSchema<QuoteItem> SCHEMA = TableSchema.fromBean(QuoteItem.class);
    /** Kept a day past expiry so a late "create order" gets "expired", not "unknown". */
    private static final Duration RETENTION_AFTER_EXPIRY = Duration.ofDays(1);

    private final DynamoDbTable<QuoteItem> table;

    DynamoQuoteRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void save(Quote quote) {
        QuoteItem item = new QuoteItem();
        item.setQuoteId(quote.quoteId());
        item.setOwner(quote.owner());
        item.setTerms(DynamoOrderRepository.toItem(quote.terms()));
        item.setTemplate(quote.workload().template());
        item.setParameters(quote.workload().parameters());
        item.setPlan(TaskPlanItem.of(quote.workload().plan()));
        item.setEstimate(quote.estimate());
        item.setContingency(quote.contingency());
        item.setCreatedAt(quote.createdAt().toEpochMilli());
        item.setExpiresAt(quote.expiresAt().toEpochMilli());
        item.setTtl(quote.expiresAt().plus(RETENTION_AFTER_EXPIRY).getEpochSecond());
        PriceSnapshot snapshot = quote.priceSnapshot();
        item.setMarketKey(snapshot.key());
        item.setMarketMicroUsd(snapshot.marketMicroUsd());
        item.setMarketSources(snapshot.marketSources());
        item.setMarketAt(snapshot.marketAt() == null ? null : snapshot.marketAt().toEpochMilli());
        item.setUsdPerUsdcMicros(snapshot.usdPerUsdcMicros());
        item.setPegAt(snapshot.pegAt().toEpochMilli());
        item.setBuyerVotingPower(snapshot.buyerVotingPower() == null ? null : snapshot.buyerVotingPower().toString());
        item.setFeeDiscountBps(snapshot.feeDiscountBps());
        table.putItem(item);
    }

    @Override
    public Optional<Quote> find(String quoteId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(quoteId).build()).consistentRead(true)))
                .map(item -> new Quote(item.getQuoteId(), item.getOwner(), DynamoOrderRepository.toTerms(item.getTerms()),
                        new Workload(item.getTemplate(), item.getParameters() == null ? Map.of() : item.getParameters(),
                                TaskPlanItem.toPlan(item.getPlan())),
                        item.getEstimate(), item.getContingency(), Instant.ofEpochMilli(item.getCreatedAt()),
                        Instant.ofEpochMilli(item.getExpiresAt()), snapshotOf(item)));
    }

    private static PriceSnapshot snapshotOf(QuoteItem item) {
        return new PriceSnapshot(item.getMarketKey(), item.getMarketMicroUsd(), item.getMarketSources(),
                item.getMarketAt() == null ? null : Instant.ofEpochMilli(item.getMarketAt()), item.getUsdPerUsdcMicros(),
                Instant.ofEpochMilli(item.getPegAt()), item.getBuyerVotingPower() == null ? null : new BigInteger(item.getBuyerVotingPower()),
                item.getFeeDiscountBps() == null ? 0 : item.getFeeDiscountBps());
    }
}
