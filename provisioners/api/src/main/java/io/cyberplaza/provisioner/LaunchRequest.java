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
 * @param machine    the cloud machine of a public-cloud offer; null for workload providers
 * @param location   the one location of {@code machine} this attempt launches in; null until chosen
 * @param plan       the tasks to run: one, a sweep or a workflow, each with {@code units} for at most {@code maxRuntime}
 */
public record LaunchRequest(String orderId, String offerId, String template, Map<String, String> parameters, int units,
                            Duration maxRuntime, Map<String, String> tags, MachineSpec machine, String location, TaskPlan plan) {
    public LaunchRequest {
        Objects.requireNonNull(orderId, "orderId");
        plan = plan == null ? TaskPlan.SINGLE : plan;
        Objects.requireNonNull(maxRuntime, "maxRuntime");
        parameters = Map.copyOf(parameters);
        tags = Map.copyOf(tags);
        if (location != null && (machine == null || !machine.locations().contains(location))) {
            throw new IllegalArgumentException("location " + location + " is not one the machine allows");
        }
    }

    public LaunchRequest(String orderId, String offerId, String template, Map<String, String> parameters, int units,
                         Duration maxRuntime, Map<String, String> tags, MachineSpec machine, String location) {
        this(orderId, offerId, template, parameters, units, maxRuntime, tags, machine, location, TaskPlan.SINGLE);
    }

    /** A workload launch: no cloud machine. */
    public LaunchRequest(String orderId, String offerId, String template, Map<String, String> parameters, int units,
                         Duration maxRuntime, Map<String, String> tags) {
        this(orderId, offerId, template, parameters, units, maxRuntime, tags, null, null);
    }

    public LaunchRequest at(String newLocation) {
        return new LaunchRequest(orderId, offerId, template, parameters, units, maxRuntime, tags, machine, newLocation, plan);
    }

    /** The cloud machine of a launch that runs exactly one, as every cloud order does; refused otherwise. */
    public MachineSpec requireOneMachine(String vendor) {
        if (machine == null) throw new ProvisionException(ProvisionException.Reason.INVALID, "a " + vendor + " launch needs a machine");
        if (units != 1) throw new ProvisionException(ProvisionException.Reason.INVALID, "one " + vendor + " order runs one machine");
        return machine;
    }

    /** The location this attempt uses, for adapters that need one. */
    public String requireLocation() {
        if (location == null) throw new ProvisionException(ProvisionException.Reason.INVALID, "order " + orderId + " names no location");
        return location;
    }
}
