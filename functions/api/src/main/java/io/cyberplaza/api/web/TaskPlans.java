package io.cyberplaza.api.web;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.provisioner.TaskPlan;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A quote request's sweep or workflow as the core's task plan; a plan that cannot be is a 400, never a 500. */
final class TaskPlans {
    private TaskPlans() {
    }

    /** Scripts a quote carries in all: the quote and its order are each one table item. */
    static final int MAX_SCRIPT_CHARS = 96 * 1024;

    static TaskPlan of(Dtos.QuoteRequestBody body) {
        if (body.sweep() != null && body.steps() != null) throw invalid("a request is a sweep or a workflow, not both");
        long scripts = (body.script() == null ? 0 : body.script().length()) + (body.steps() == null ? 0
                : body.steps().stream().filter(java.util.Objects::nonNull).mapToLong(s -> s.script() == null ? 0 : s.script().length()).sum());
        if (scripts > MAX_SCRIPT_CHARS) throw invalid("the scripts of a request are at most " + MAX_SCRIPT_CHARS + " characters in all");
        try {
            if (body.sweep() != null) return TaskPlan.sweep(sweep(body.sweep()));
            if (body.steps() != null) {
                return TaskPlan.workflow(body.steps().stream().map(step -> new TaskPlan.Step(step.name(), step.template(),
                        parameters(step.parameters(), step.script()), step.after() == null ? List.of() : step.after())).toList());
            }
            return TaskPlan.SINGLE;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw invalid(e.getMessage() == null ? "a sweep or workflow is missing a value" : e.getMessage());
        }
    }

    /** The template's parameters, with the buyer's own script among them when there is one. */
    static Map<String, String> parameters(Map<String, String> given, String script) {
        if (given != null && given.containsValue(null)) throw invalid("a parameter has no value");
        Map<String, String> parameters = new HashMap<>(given == null ? Map.of() : given);
        if (script != null) parameters.put("script", script);
        return parameters;
    }

    private static TaskPlan.Sweep sweep(Dtos.SweepBody sweep) {
        boolean range = sweep.from() != null || sweep.to() != null || sweep.step() != null;
        if (range == (sweep.values() != null)) throw invalid("a sweep gives either values or a range (from, to, step)");
        if (!range) return new TaskPlan.Sweep(sweep.parameter(), sweep.values());
        if (sweep.from() == null || sweep.to() == null) throw invalid("a range gives from and to");
        return TaskPlan.Sweep.range(sweep.parameter(), sweep.from(), sweep.to(), sweep.step() == null ? 1 : sweep.step());
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorType.INVALID_REQUEST, message);
    }
}
