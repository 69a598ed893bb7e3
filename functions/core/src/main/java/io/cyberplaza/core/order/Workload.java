package io.cyberplaza.core.order;

import io.cyberplaza.provisioner.TaskPlan;

import java.util.Map;
import java.util.Objects;

/**
 * What to run: a named template of the provider's application catalog and its typed parameters,
 * once, over a sweep of one parameter's values, or as a workflow of steps.
 */
public record Workload(String template, Map<String, String> parameters, TaskPlan plan) {
    public Workload {
        Objects.requireNonNull(template, "template");
        parameters = Map.copyOf(parameters);
        plan = plan == null ? TaskPlan.SINGLE : plan;
    }

    public Workload(String template, Map<String, String> parameters) {
        this(template, parameters, TaskPlan.SINGLE);
    }
}
