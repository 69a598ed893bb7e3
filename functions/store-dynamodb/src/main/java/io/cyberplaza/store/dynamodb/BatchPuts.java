package io.cyberplaza.store.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;

import java.util.List;

/**
 * Puts many items in DynamoDB's batches of 25. Items a batch leaves unprocessed mean the table is
 * throttling: they are asked for again after a backoff, a few times, before the write fails.
 */
final class BatchPuts {
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_BATCH_ATTEMPTS = 8;

    private BatchPuts() {
    }

    static <T> void putAll(DynamoDbEnhancedClient client, DynamoDbTable<T> table, Class<T> type, List<T> items, String what) {
        for (int from = 0; from < items.size(); from += BATCH_WRITE_LIMIT) {
            List<T> pending = items.subList(from, Math.min(from + BATCH_WRITE_LIMIT, items.size()));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > MAX_BATCH_ATTEMPTS) throw new IllegalStateException(pending.size() + " " + what + " left unwritten by DynamoDB");
                if (attempt > 1) pause(attempt);
                WriteBatch.Builder<T> request = WriteBatch.builder(type).mappedTableResource(table);
                pending.forEach(request::addPutItem);
                BatchWriteResult result = client.batchWriteItem(r -> r.writeBatches(request.build()));
                pending = result.unprocessedPutItemsForTable(table);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off a throttled batch write", e);
        }
    }
}
