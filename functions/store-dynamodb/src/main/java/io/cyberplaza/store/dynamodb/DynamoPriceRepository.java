package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.pricing.PriceAggregator;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PriceUnit;
import io.cyberplaza.store.dynamodb.item.PriceItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class DynamoPriceRepository implements PriceRepository {
    static final TableSchema<PriceItem> SCHEMA = TableSchema.fromBean(PriceItem.class);
    private static final String CURRENT = "current";

    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<PriceItem> table;

    DynamoPriceRepository(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void publish(List<PriceAggregator.Price> prices, Instant at) {
        for (PriceAggregator.Price price : prices) {
            table.putItem(toItem(price, historyRound(at), at));
            try {
                // A round that ran late never replaces a newer current price.
                table.putItem(PutItemEnhancedRequest.builder(PriceItem.class).item(toItem(price, CURRENT, at))
                        .conditionExpression(Expression.builder().expression("attribute_not_exists(#k) OR #p <= :at")
                                .expressionNames(Map.of("#k", "priceKey", "#p", "publishedAt"))
                                .expressionValues(Map.of(":at", Conditions.number(at.toEpochMilli()))).build())
                        .build());
            } catch (ConditionalCheckFailedException newerIsCurrent) {
                // Kept in the history only.
            }
        }
    }

    @Override
    public Optional<PublishedPrice> current(PriceKey key) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(key.toString()).sortValue(CURRENT).build())
                .consistentRead(true))).map(DynamoPriceRepository::toPrice);
    }

    @Override
    public Map<PriceKey, PublishedPrice> current(Collection<PriceKey> keys) {
        Map<PriceKey, PublishedPrice> found = new HashMap<>();
        List<PriceKey> distinct = List.copyOf(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += BATCH_GET_LIMIT) {
            ReadBatch.Builder<PriceItem> batch = ReadBatch.builder(PriceItem.class).mappedTableResource(table);
            distinct.subList(from, Math.min(from + BATCH_GET_LIMIT, distinct.size())).forEach(key -> batch.addGetItem(
                    GetItemEnhancedRequest.builder().key(Key.builder().partitionValue(key.toString()).sortValue(CURRENT).build())
                            .consistentRead(true).build()));
            // The paged result asks again for any keys DynamoDB left unprocessed.
            client.batchGetItem(r -> r.readBatches(batch.build())).resultsForTable(table)
                    .forEach(item -> found.put(keyOf(item), toPrice(item)));
        }
        return found;
    }

    @Override
    public List<PublishedPrice> history(PriceKey key, int limit) {
        return table.query(r -> r.queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(key.toString())
                        .sortValue("h#").build())).scanIndexForward(false).limit(limit))
                .stream().flatMap(page -> page.items().stream()).limit(limit).map(DynamoPriceRepository::toPrice).toList();
    }

    private static String historyRound(Instant at) {
        return "h#" + String.format("%019d", at.toEpochMilli());
    }

    private static PriceItem toItem(PriceAggregator.Price price, String round, Instant at) {
        PriceItem item = new PriceItem();
        item.setPriceKey(price.key().toString());
        item.setRound(round);
        item.setUnit(price.key().unit().name());
        item.setRegion(price.key().region());
        item.setModel(price.key().model());
        item.setSpot(price.key().spot() ? Boolean.TRUE : null);
        item.setMicroUsd(price.microUsd());
        item.setSources(price.sources());
        item.setPublishedAt(at.toEpochMilli());
        return item;
    }

    private static PriceKey keyOf(PriceItem item) {
        return new PriceKey(PriceUnit.valueOf(item.getUnit()), item.getRegion(), item.getModel(), Boolean.TRUE.equals(item.getSpot()));
    }

    private static PublishedPrice toPrice(PriceItem item) {
        return new PublishedPrice(keyOf(item), item.getMicroUsd(), item.getSources(), Instant.ofEpochMilli(item.getPublishedAt()));
    }
}
