package io.cyberplaza.bench;

import com.microsoft.azure.functions.HttpMethod;
import io.cyberplaza.azure.function.ApiFunction;

import java.lang.management.ManagementFactory;

/**
 * Run in a fresh JVM on the Azure app's own jars: builds the HTTP function as the Functions host does
 * (default constructor), answers GET /health, and prints the milliseconds from JVM start to that response.
 */
public final class AzureColdStart {
    private AzureColdStart() {
    }

    public static void main(String[] args) {
        int status = new ApiFunction().request(HttpMethod.GET, "/health").invoke().getStatusCode();
        if (status != 200) throw new IllegalStateException("the API answered " + status);
        System.out.println(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
        System.exit(0);
    }
}
