package io.cyberplaza.gcp.wiring;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import com.google.cloud.pubsub.v1.Publisher;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.gcp.queue.PubSubWorkQueue;
import io.cyberplaza.runtime.metrics.LoggedMetrics;
import io.cyberplaza.runtime.secrets.EnvironmentSecretStore;
import io.cyberplaza.store.document.DocumentStores;
import io.cyberplaza.store.firestore.FirestoreDocuments;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.annotation.Bean;
import io.cyberplaza.runtime.wiring.CloudEnvironments;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/**
 * The GCP side of the core's ports: the stores in Firestore, the work queues on Pub/Sub topics,
 * secrets from Secret Manager as the function's secret environment variables, metrics as log lines
 * for Cloud Logging's log-based metrics. Credentials are the function's service account; an
 * emulator host (local runs and tests) replaces both services' endpoints.
 */
@Factory
@Requires(env = CloudEnvironments.GCP)
public class GcpAdapters {

    @Bean(preDestroy = "close")
    @Singleton
    Firestore firestore(@Value("${cyberplaza.gcp.project}") String project,
                        @Nullable @Value("${cyberplaza.gcp.firestore.emulator-host:}") String emulatorHost) {
        FirestoreOptions.Builder options = FirestoreOptions.newBuilder().setProjectId(project);
        if (emulatorHost != null && !emulatorHost.isBlank()) options.setEmulatorHost(emulatorHost);
        return options.build().getService();
    }

    @Singleton
    Stores stores(Firestore firestore, @Value("${cyberplaza.gcp.collection-prefix:cyberplaza}") String prefix, Clock clock) {
        return DocumentStores.open(new FirestoreDocuments(firestore), prefix, clock);
    }

    @Bean(preDestroy = "close")
    @Singleton
    PubSubWorkQueue workQueue(@Value("${cyberplaza.gcp.project}") String project,
                              @Value("${cyberplaza.gcp.topic-prefix:cyberplaza}") String prefix,
                              @Nullable @Value("${cyberplaza.gcp.pubsub.emulator-host:}") String emulatorHost) {
        return new PubSubWorkQueue(project, prefix, topic -> {
            try {
                Publisher.Builder publisher = Publisher.newBuilder(topic);
                if (emulatorHost != null && !emulatorHost.isBlank()) {
                    publisher.setChannelProvider(FixedTransportChannelProvider.create(GrpcTransportChannel.create(
                                    ManagedChannelBuilder.forTarget(emulatorHost).usePlaintext().build())))
                            .setCredentialsProvider(NoCredentialsProvider.create());
                }
                return publisher.build();
            } catch (IOException e) {
                throw new UncheckedIOException("no publisher for " + topic, e);
            }
        });
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
