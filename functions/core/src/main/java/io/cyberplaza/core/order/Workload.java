package io.cyberplaza.core.order;

import java.util.Map;
import java.util.Objects;

/** What to run: a named template of the provider's application catalog and its typed parameters. */
public record Workload(String template, Map<String, String> parameters) {
    public Workload {
        Objects.requireNonNull(template, "template");
        parameters = Map.copyOf(parameters);
    }
}
