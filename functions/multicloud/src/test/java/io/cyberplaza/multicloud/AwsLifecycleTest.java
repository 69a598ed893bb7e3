package io.cyberplaza.multicloud;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The order lifecycle through the Aws handlers. */
class AwsLifecycleTest extends OrderLifecycleContract {
    private static AwsCloud cloud;

    @BeforeAll
    static void start() throws Exception {

        cloud = AwsCloud.start(repoRoot(), stateDir("aws"));
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
