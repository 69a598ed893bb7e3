package io.cyberplaza.bench;

import io.cyberplaza.gcp.function.ApiFunction;
import io.micronaut.http.HttpMethod;

import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM on the Cloud Functions package's own jars: builds the HTTP function as the
 * Functions Framework does (default constructor), answers GET /health, and prints the milliseconds
 * from JVM start to that response.
 */
public final class GcpColdStart {
    private GcpColdStart() {
    }

    public static void main(String[] args) {
        int status = new ApiFunction().invoke(HttpMethod.GET, "/health").getStatusCode();
        if (status != 200) throw new IllegalStateException("the API answered " + status);
        System.out.println(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        System.exit(0);
    }
}
