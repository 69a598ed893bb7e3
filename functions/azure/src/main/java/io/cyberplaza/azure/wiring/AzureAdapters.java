package io.cyberplaza.azure.wiring;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import io.cyberplaza.azure.queue.StorageQueueWorkQueue;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.runtime.metrics.LoggedMetrics;
import io.cyberplaza.runtime.secrets.EnvironmentSecretStore;
import io.cyberplaza.store.azure.AzureTableDocuments;
import io.cyberplaza.store.document.DocumentStores;
import io.cyberplaza.runtime.wiring.CloudEnvironments;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The Azure side of the core's ports: the stores in Table storage and the work queues in Storage
 * queues (one storage account, named by its connection string), secrets from Key Vault references
 * in the app settings, metrics as log lines for Azure Monitor.
 */
@Factory
@Requires(env = CloudEnvironments.AZURE)
public class AzureAdapters {

    @Singleton
    TableServiceClient tables(@Value("${cyberplaza.azure.storage}") String connectionString) {
        return new TableServiceClientBuilder().connectionString(connectionString).buildClient();
    }

    @Singleton
    QueueServiceClient queues(@Value("${cyberplaza.azure.storage}") String connectionString) {
        return new QueueServiceClientBuilder().connectionString(connectionString).messageEncoding(QueueMessageEncoding.BASE64).buildClient();
    }

    @Singleton
    Stores stores(TableServiceClient tables, @Value("${cyberplaza.azure.table-prefix:cyberplaza}") String prefix, Clock clock) {
        return DocumentStores.open(new AzureTableDocuments(tables), prefix, clock);
    }

    @Singleton
    WorkQueue workQueue(QueueServiceClient queues, @Value("${cyberplaza.azure.queue-prefix:cyberplaza}") String prefix) {
        return new StorageQueueWorkQueue(queues, prefix);
    }

    @Singleton
    SecretStore secrets(Environment environment) {
        return EnvironmentSecretStore.of(environment);
    }

    @Singleton
    Metrics metrics(@Value("${cyberplaza.environment:local}") String environment) {
        return new LoggedMetrics(environment);
    }
}
