package io.cyberplaza.store.dynamodb;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.UUID;

/**
 * Runs DynamoDB Local in-process, once per test JVM, and gives each test class its own set of
 * tables (a unique name prefix) created from tables.json. Inject {@link DynamoStores},
 * {@link DynamoDbClient} or {@link TableNames} into constructors, lifecycle methods or tests.
 */
public final class DynamoDbLocalExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DynamoDbLocalExtension.class);

    private record Server(AmazonDynamoDBLocal local, DynamoDbClient client) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            local.shutdownNow();
        }
    }

    private record ClassTables(TableNames names, DynamoStores stores) {
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == DynamoStores.class || type == DynamoDbClient.class || type == TableNames.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = server(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == DynamoDbClient.class) return server.client();
        ClassTables tables = tablesFor(context, server);
        return type == TableNames.class ? tables.names() : tables.stores();
    }

    private static Server server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, key -> {
            AmazonDynamoDBLocal local = DynamoDBEmbedded.create();
            return new Server(local, local.dynamoDbClient());
        }, Server.class);
    }

    private static ClassTables tablesFor(ExtensionContext context, Server server) {
        Class<?> testClass = context.getRequiredTestClass();
        // Nested classes share their outermost class's tables: one set per top-level test class.
        while (testClass.getEnclosingClass() != null) testClass = testClass.getEnclosingClass();
        String key = "tables:" + testClass.getName();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(key, k -> {
            TableNames names = new TableNames("t" + UUID.randomUUID().toString().substring(0, 8) + "-");
            TableDefinitions.load().createMissing(server.client(), names);
            return new ClassTables(names, new DynamoStores(server.client(), names));
        }, ClassTables.class);
    }
}
