package io.cyberplaza.store.azure;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.store.document.DocumentStores;
import io.cyberplaza.testing.AzuriteServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Runs Azurite once per test JVM and gives each top-level test class its own tables (a unique
 * prefix). Inject {@link Stores} or {@link AzuriteServer}.
 */
public final class AzuriteExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(AzuriteExtension.class);

    private record Server(AzuriteServer azurite, TableServiceClient tables) implements AutoCloseable {
        @Override
        public void close() {
            azurite.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Stores.class || type == AzuriteServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = server(context);
        if (parameter.getParameter().getType() == AzuriteServer.class) return server.azurite();
        Class<?> testClass = context.getRequiredTestClass();
        while (testClass.getEnclosingClass() != null) testClass = testClass.getEnclosingClass();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stores:" + testClass.getName(), key -> {
            String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            AzureTableDocuments documents = new AzureTableDocuments(server.tables());
            documents.createMissing(prefix);
            return DocumentStores.open(documents, prefix, Clock.systemUTC());
        }, Stores.class);
    }

    private static Server server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, key -> {
            try {
                AzuriteServer azurite = AzuriteServer.start(Path.of("target", "azurite.log").toAbsolutePath());
                return new Server(azurite, new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient());
            } catch (Exception e) {
                throw new IllegalStateException("Azurite did not start", e);
            }
        }, Server.class);
    }
}
