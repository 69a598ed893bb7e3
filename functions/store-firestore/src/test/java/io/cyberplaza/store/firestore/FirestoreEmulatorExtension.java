package io.cyberplaza.store.firestore;

import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreOptions;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.store.document.DocumentStores;
import io.cyberplaza.testing.GoogleCloudEmulator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/**
 * Runs the Firestore emulator once per test JVM and gives each top-level test class its own
 * collections (a unique prefix). Where the machine has no emulator, the tests are skipped with the
 * reason and how to install it.
 */
public final class FirestoreEmulatorExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FirestoreEmulatorExtension.class);

    private record Server(GoogleCloudEmulator emulator, Firestore db) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            db.close();
            emulator.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        GoogleCloudEmulator.unavailableBecause(GoogleCloudEmulator.Kind.FIRESTORE).ifPresent(reason -> {
            System.err.println("Firestore store tests not run: " + reason);
            Assumptions.abort(reason);
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Stores.class || type == Firestore.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Server server = server(context);
        if (parameter.getParameter().getType() == Firestore.class) return server.db();
        Class<?> testClass = context.getRequiredTestClass();
        while (testClass.getEnclosingClass() != null) testClass = testClass.getEnclosingClass();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("stores:" + testClass.getName(),
                key -> DocumentStores.open(new FirestoreDocuments(server.db()), "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10),
                        Clock.systemUTC()), Stores.class);
    }

    private static Server server(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Server.class, key -> {
            try {
                GoogleCloudEmulator emulator = GoogleCloudEmulator.start(GoogleCloudEmulator.Kind.FIRESTORE, Path.of("target", "firestore-emulator.log").toAbsolutePath());
                // The emulator host brings its own credentials; NoCredentials would send the client to the real service's host.
                Firestore db = FirestoreOptions.newBuilder().setProjectId("cyberplaza-test").setEmulatorHost(emulator.hostPort())
                        .build().getService();
                return new Server(emulator, db);
            } catch (Exception e) {
                throw new IllegalStateException("the Firestore emulator did not start", e);
            }
        }, Server.class);
    }
}
