package io.cyberplaza.provisioner;

import java.util.List;
import java.util.Objects;

/**
 * The machine a public-cloud offer sells: the vendor's machine type (its instance type, VM size or
 * machine type, as the vendor names it), whether it is bought on the spot market, and the
 * locations (zones or regions) a launch may use, most preferred first. A launch that meets a
 * capacity error in one location moves on to the next.
 */
public record MachineSpec(String machineType, boolean spot, List<String> locations) {
    public static final int MAX_LOCATIONS = 8;

    public MachineSpec {
        Objects.requireNonNull(machineType, "machineType");
        if (machineType.isBlank()) throw new IllegalArgumentException("a machine needs a machine type");
        locations = List.copyOf(locations);
        if (locations.isEmpty() || locations.size() > MAX_LOCATIONS) {
            throw new IllegalArgumentException("a machine needs 1 to " + MAX_LOCATIONS + " locations");
        }
        if (locations.stream().distinct().count() != locations.size()) throw new IllegalArgumentException("locations repeat");
    }
}
