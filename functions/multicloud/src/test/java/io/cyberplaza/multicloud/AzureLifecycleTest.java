package io.cyberplaza.multicloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The order lifecycle through the Azure handlers. */
class AzureLifecycleTest extends OrderLifecycleContract {
    private static AzureCloud cloud;

    @BeforeAll
    static void start() throws Exception {

        cloud = AzureCloud.start(repoRoot(), stateDir("azure"));
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
