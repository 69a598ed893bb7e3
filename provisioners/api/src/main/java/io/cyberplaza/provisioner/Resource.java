package io.cyberplaza.provisioner;

import java.time.Instant;

/**
 * A vendor resource as the platform sees it. Usage is measured by the provider: wall seconds
 * since start ({@code usedSeconds}), seconds it was unavailable ({@code lostSeconds}) and CPU time.
 *
 * @param exitCode    the workload's exit status where the provider knows it, else null
 * @param unitSeconds unit-seconds the provider metered itself (a batch scheduler's core-seconds over every task it
 *                    ran, less any a fault of its own took), for providers that bill what each task used; null where
 *                    the bill is the order's units times the wall time
 */
public record Resource(String resourceId, String orderId, ResourceStatus status, Instant startedAt, Instant endedAt,
                       long usedSeconds, long lostSeconds, long cpuMillis, Integer exitCode, String detail, Long unitSeconds) {

    public Resource(String resourceId, String orderId, ResourceStatus status, Instant startedAt, Instant endedAt,
                    long usedSeconds, long lostSeconds, long cpuMillis, Integer exitCode, String detail) {
        this(resourceId, orderId, status, startedAt, endedAt, usedSeconds, lostSeconds, cpuMillis, exitCode, detail, null);
    }
}
