package io.cyberplaza.runtime.wiring;

/**
 * The Micronaut environments that say which cloud's adapters (stores, queues, secrets, metrics) a
 * function binds. Azure Functions contexts carry {@code azure} by default; the GCP functions add
 * {@code gcp}; a context with neither is AWS's (Lambda and the local runner).
 */
public final class CloudEnvironments {
    public static final String AZURE = "azure";
    public static final String GCP = "gcp";

    private CloudEnvironments() {
    }
}
