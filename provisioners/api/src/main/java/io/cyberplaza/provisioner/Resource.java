package io.cyberplaza.provisioner;

import java.time.Instant;

/**
 * A vendor resource as the platform sees it. Usage is measured by the provider: wall seconds
 * since start ({@code usedSeconds}), seconds it was unavailable ({@code lostSeconds}) and CPU time.
 *
 * @param exitCode the workload's exit status where the provider knows it, else null
 */
public record Resource(String resourceId, String orderId, ResourceStatus status, Instant startedAt, Instant endedAt,
                       long usedSeconds, long lostSeconds, long cpuMillis, Integer exitCode, String detail) {
}
