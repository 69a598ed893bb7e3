package io.cyberplaza.provisioner;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What to launch for an order.
 *
 * @param template   the workload template (application catalog) or machine image of the offer
 * @param maxRuntime the hard wall-clock limit: the purchased time
 * @param tags       ownership tags (order id, environment) the adapter puts on the resource
 */
public record LaunchRequest(String orderId, String offerId, String template, Map<String, String> parameters, int units,
                            Duration maxRuntime, Map<String, String> tags) {
    public LaunchRequest {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(maxRuntime, "maxRuntime");
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
    }
}
