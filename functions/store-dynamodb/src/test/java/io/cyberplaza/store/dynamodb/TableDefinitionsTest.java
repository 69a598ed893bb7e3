package io.cyberplaza.store.dynamodb;

import io.cyberplaza.store.dynamodb.item.ChainCursorItem;
import io.cyberplaza.store.dynamodb.item.DepositItem;
import io.cyberplaza.store.dynamodb.item.OrderItem;
import io.cyberplaza.store.dynamodb.item.SettlementItem;
import io.cyberplaza.store.dynamodb.item.TxOutboxItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DynamoDbLocalExtension.class)
class TableDefinitionsTest {
    private static final Map<String, TableSchema<?>> MAPPED = Map.ofEntries(
            Map.entry("Orders", TableSchema.fromBean(OrderItem.class)),
            Map.entry("Quotes", TableSchema.fromBean(io.cyberplaza.store.dynamodb.item.QuoteItem.class)),
            Map.entry("LoginNonces", TableSchema.fromBean(io.cyberplaza.store.dynamodb.item.LoginNonceItem.class)),
            Map.entry("Deposits", TableSchema.fromBean(DepositItem.class)),
            Map.entry("ChainCursor", TableSchema.fromBean(ChainCursorItem.class)),
            Map.entry("Settlements", TableSchema.fromBean(SettlementItem.class)),
            Map.entry("Disputes", DynamoDisputeRepository.SCHEMA),
            Map.entry("Rewards", DynamoRewardStore.SCHEMA),
            Map.entry("TxOutbox", TableSchema.fromBean(TxOutboxItem.class)),
            Map.entry("Accounts", DynamoAccountRepository.SCHEMA),
            Map.entry("IdempotencyKeys", DynamoIdempotencyStore.SCHEMA),
            Map.entry("Offers", DynamoListingRepository.SCHEMA),
            Map.entry("Providers", DynamoProviderRepository.SCHEMA),
            Map.entry("Instances", DynamoInstanceRepository.SCHEMA),
            Map.entry("WebhookReceipts", DynamoWebhookReceipts.SCHEMA),
            Map.entry("Prices", DynamoPriceRepository.SCHEMA),
            Map.entry("PricingRounds", DynamoPricingRounds.SCHEMA),
            Map.entry("GroupBuys", DynamoGroupBuyStore.SCHEMA));

    @Test
    void everyItemClassMapsTheKeysAndIndexesOfTablesJson() {
        TableDefinitions definitions = TableDefinitions.load();
        assertThat(definitions.all()).extracting(TableDefinitions.Table::name)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(MAPPED.keySet().stream(),
                        java.util.stream.Stream.of("RateLimits", "Capacity")).toList());
        // These two are written through the low-level client (conditional ADDs, transactions): no item class.
        assertThat(definitions.all()).filteredOn(t -> t.name().equals("RateLimits")).singleElement()
                .satisfies(t -> assertThat(t.partitionKey().name()).isEqualTo(DynamoRequestCounter.KEY));
        assertThat(definitions.all()).filteredOn(t -> t.name().equals("Capacity")).singleElement().satisfies(t -> {
            assertThat(t.partitionKey().name()).isEqualTo(DynamoCapacityLedger.KEY);
            assertThat(t.sortKey().orElseThrow().name()).isEqualTo(DynamoCapacityLedger.SORT_KEY);
        });
        for (TableDefinitions.Table table : definitions.all()) {
            if (!MAPPED.containsKey(table.name())) continue;
            TableMetadata metadata = MAPPED.get(table.name()).tableMetadata();
            assertThat(metadata.primaryPartitionKey()).as(table.name()).isEqualTo(table.partitionKey().name());
            assertThat(metadata.primarySortKey()).as(table.name()).isEqualTo(table.sortKey().map(TableDefinitions.Key::name));
            for (TableDefinitions.Index index : table.indexes()) {
                assertThat(metadata.indexPartitionKey(index.name())).as(index.name()).isEqualTo(index.partitionKey().name());
                assertThat(metadata.indexSortKey(index.name())).as(index.name())
                        .isEqualTo(index.sortKey().map(TableDefinitions.Key::name));
            }
        }
    }

    @Test
    void createsEveryTableWithItsIndexesAndTtlAndToleratesASecondRun(DynamoDbClient dynamo, TableNames names) {
        TableDefinitions definitions = TableDefinitions.load();
        definitions.createMissing(dynamo, names); // the extension already ran it once: a re-run must be harmless
        for (TableDefinitions.Table table : definitions.all()) {
            TableDescription described = dynamo.describeTable(r -> r.tableName(names.of(table.name()))).table();
            assertThat(described.globalSecondaryIndexes()).hasSize(table.indexes().size());
            Optional<String> ttl = table.ttlAttribute();
            if (ttl.isPresent()) {
                var ttlDescription = dynamo.describeTimeToLive(r -> r.tableName(names.of(table.name()))).timeToLiveDescription();
                assertThat(ttlDescription.attributeName()).isEqualTo(ttl.get());
                assertThat(ttlDescription.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
            }
        }
    }
}
