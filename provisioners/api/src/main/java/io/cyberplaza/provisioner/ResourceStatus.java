package io.cyberplaza.provisioner;

public enum ResourceStatus {
    PENDING,
    RUNNING,
    /** The workload finished by itself (its exit code, where known, says how well). */
    SUCCEEDED,
    /** The workload or the machine failed. */
    FAILED,
    /** Stopped on request (or at its time limit). */
    STOPPED,
    TERMINATED;

    public boolean isActive() {
        return this == PENDING || this == RUNNING;
    }
}
