package io.cyberplaza.store.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of {@code infra/tables.json}, the single definition the store, the local runner and
 * the infrastructure code share. Creating them here is for DynamoDB Local; clouds get them from IaC.
 */
public final class TableDefinitions {

    public record Key(String name, ScalarAttributeType type) {
    }

    public record Index(String name, Key partitionKey, Optional<Key> sortKey) {
    }

    public record Table(String name, Key partitionKey, Optional<Key> sortKey, List<Index> indexes,
                        Optional<String> ttlAttribute) {
    }

    private final Map<String, Table> tables;

    private TableDefinitions(Map<String, Table> tables) {
        this.tables = tables;
    }

    public static TableDefinitions load() {
        try (InputStream in = TableDefinitions.class.getResourceAsStream("tables.json")) {
            if (in == null) throw new IllegalStateException("tables.json is missing from the classpath");
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Table> tables = new LinkedHashMap<>();
            for (JsonNode t : root.path("tables")) {
                List<Index> indexes = new ArrayList<>();
                for (JsonNode i : t.path("indexes")) {
                    indexes.add(new Index(i.path("name").asText(), key(i.path("partitionKey")), optionalKey(i.path("sortKey"))));
                }
                Optional<String> ttl = t.hasNonNull("ttlAttribute") ? Optional.of(t.get("ttlAttribute").asText()) : Optional.empty();
                Table table = new Table(t.path("name").asText(), key(t.path("partitionKey")), optionalKey(t.path("sortKey")),
                        List.copyOf(indexes), ttl);
                tables.put(table.name(), table);
            }
            return new TableDefinitions(Map.copyOf(tables));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tables.json", e);
        }
    }

    private static Key key(JsonNode node) {
        return new Key(node.path("name").asText(), ScalarAttributeType.fromValue(node.path("type").asText()));
    }

    private static Optional<Key> optionalKey(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(key(node));
    }

    public Table table(String name) {
        Table table = tables.get(name);
        if (table == null) throw new IllegalArgumentException("no table named " + name + " in tables.json");
        return table;
    }

    public List<Table> all() {
        return tables.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** Creates every table that does not exist yet, on demand billing, with its TTL switched on. */
    public void createMissing(DynamoDbClient dynamo, TableNames names) {
        for (Table table : all()) {
            String physical = names.of(table.name());
            try {
                dynamo.createTable(createRequest(table, physical));
                dynamo.waiter().waitUntilTableExists(b -> b.tableName(physical));
                table.ttlAttribute().ifPresent(attribute -> dynamo.updateTimeToLive(b -> b.tableName(physical)
                        .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true))));
            } catch (ResourceInUseException exists) {
                // Already there: creation is idempotent so every start-up can call this.
            }
        }
    }

    static CreateTableRequest createRequest(Table table, String physicalName) {
        Map<String, ScalarAttributeType> attributes = new LinkedHashMap<>();
        attributes.put(table.partitionKey().name(), table.partitionKey().type());
        table.sortKey().ifPresent(k -> attributes.put(k.name(), k.type()));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (Index index : table.indexes()) {
            attributes.put(index.partitionKey().name(), index.partitionKey().type());
            index.sortKey().ifPresent(k -> attributes.put(k.name(), k.type()));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(physicalName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keySchema(table.partitionKey(), table.sortKey()))
                .attributeDefinitions(attributes.entrySet().stream()
                        .map(e -> AttributeDefinition.builder().attributeName(e.getKey()).attributeType(e.getValue()).build())
                        .toList());
        if (!indexes.isEmpty()) request.globalSecondaryIndexes(indexes);
        return request.build();
    }

    private static List<KeySchemaElement> keySchema(Key partition, Optional<Key> sort) {
        List<KeySchemaElement> schema = new ArrayList<>();
        schema.add(KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build());
        sort.ifPresent(k -> schema.add(KeySchemaElement.builder().attributeName(k.name()).keyType(KeyType.RANGE).build()));
        return schema;
    }
}
