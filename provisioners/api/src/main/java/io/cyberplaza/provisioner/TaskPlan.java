package io.cyberplaza.provisioner;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How many tasks one order runs, each with the order's units for at most its purchased time: one
 * task, a parameter sweep (one task per value of one parameter), or a workflow (named steps, each
 * starting only after the steps it names ended well). The escrow is sized for every task.
 */
public record TaskPlan(Sweep sweep, List<Step> steps) {
    public static final int MAX_SWEEP = 1_000;
    public static final int MAX_STEPS = 16;
    public static final TaskPlan SINGLE = new TaskPlan(null, List.of());

    /** One value of {@code parameter} per task. */
    public record Sweep(String parameter, List<String> values) {
        public Sweep {
            Objects.requireNonNull(parameter, "parameter");
            values = List.copyOf(values);
            if (values.isEmpty() || values.size() > MAX_SWEEP) {
                throw new IllegalArgumentException("a sweep runs 1 to " + MAX_SWEEP + " values");
            }
        }

        /** {@code from}, {@code from + step}, ... up to {@code to} inclusive. */
        public static Sweep range(String parameter, long from, long to, long step) {
            if (step < 1 || to < from) throw new IllegalArgumentException("a range needs from <= to and a step of at least 1");
            // Compared without overflowing: a range as wide as a long is refused, not wrapped around.
            if (java.math.BigInteger.valueOf(to).subtract(java.math.BigInteger.valueOf(from)).divide(java.math.BigInteger.valueOf(step))
                    .compareTo(java.math.BigInteger.valueOf(MAX_SWEEP - 1)) > 0) {
                throw new IllegalArgumentException("a sweep runs at most " + MAX_SWEEP + " values");
            }
            long count = (to - from) / step + 1;
            return new Sweep(parameter, java.util.stream.LongStream.range(0, count).map(i -> from + i * step).mapToObj(Long::toString).toList());
        }
    }

    /** A workflow step: its own template and parameters, started once every step in {@code after} ended well. */
    public record Step(String name, String template, Map<String, String> parameters, List<String> after) {
        public Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(template, "template");
            parameters = Map.copyOf(parameters);
            after = List.copyOf(after);
            if (!name.matches("[a-z][a-z0-9-]{0,31}")) throw new IllegalArgumentException("a step's name is 1 to 32 of a-z, 0-9 and -");
        }
    }

    public TaskPlan {
        steps = steps == null ? List.of() : List.copyOf(steps);
        if (sweep != null && !steps.isEmpty()) throw new IllegalArgumentException("an order is a sweep or a workflow, not both");
        if (steps.size() == 1 || steps.size() > MAX_STEPS) throw new IllegalArgumentException("a workflow has 2 to " + MAX_STEPS + " steps");
        Set<String> earlier = new HashSet<>();
        for (Step step : steps) {
            // Naming only earlier steps keeps every workflow acyclic and submittable in order.
            for (String dependency : step.after()) {
                if (!earlier.contains(dependency)) {
                    throw new IllegalArgumentException("step " + step.name() + " may only follow earlier steps, not " + dependency);
                }
            }
            if (!earlier.add(step.name())) throw new IllegalArgumentException("step " + step.name() + " is named twice");
        }
    }

    public static TaskPlan sweep(Sweep sweep) {
        return new TaskPlan(sweep, List.of());
    }

    public static TaskPlan workflow(List<Step> steps) {
        return new TaskPlan(null, steps);
    }

    public boolean isSingle() {
        return sweep == null && steps.isEmpty();
    }

    /** How many tasks the escrow pays for. */
    public int tasks() {
        return sweep != null ? sweep.values().size() : steps.isEmpty() ? 1 : steps.size();
    }
}
