package io.cyberplaza.multicloud;

import io.cyberplaza.testing.GoogleCloudEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The order lifecycle through the Gcp handlers. */
class GcpLifecycleTest extends OrderLifecycleContract {
    private static GcpCloud cloud;

    @BeforeAll
    static void start() throws Exception {
        for (GoogleCloudEmulator.Kind kind : GoogleCloudEmulator.Kind.values()) {
            GoogleCloudEmulator.unavailableBecause(kind).ifPresent(reason -> {
                System.err.println("the order lifecycle through the GCP handlers is not run: " + reason);
                Assumptions.abort(reason);
            });
        }
        cloud = GcpCloud.start(repoRoot(), stateDir("gcp"));
    }

    @AfterAll
    static void stop() {
        if (cloud != null) cloud.close();
    }

    @Override
    protected Cloud cloud() {
        return cloud;
    }
}
