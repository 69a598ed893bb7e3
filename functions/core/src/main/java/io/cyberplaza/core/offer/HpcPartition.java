package io.cyberplaza.core.offer;

import java.util.Objects;

/**
 * The batch partition an HPC offer sells: its hardware, its longest job, and what a unit is. The
 * offer's price is per unit-hour of that unit: a core on a CPU partition, a GPU on a GPU partition
 * (the cores and memory a GPU comes with are in its price, as centres bill GPU partitions).
 *
 * @param name           the scheduler's partition
 * @param maxWallMinutes the longest time limit a task may have
 */
public record HpcPartition(String name, int nodes, int coresPerNode, long memoryMbPerNode, int gpusPerNode, int maxWallMinutes,
                           BilledBy billedBy) {

    public enum BilledBy {
        CORE,
        GPU
    }

    public HpcPartition {
        Objects.requireNonNull(billedBy, "billedBy");
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) throw new IllegalArgumentException("a partition is named by 1 to 64 of A-Z, a-z, 0-9, _ . -");
        if (nodes < 1 || coresPerNode < 1 || memoryMbPerNode < 1 || gpusPerNode < 0 || maxWallMinutes < 1) {
            throw new IllegalArgumentException("a partition has at least one node, core, MB and minute, and no negative GPUs");
        }
        if (billedBy == BilledBy.GPU && gpusPerNode == 0) throw new IllegalArgumentException("a partition billed by the GPU has GPUs");
    }

    /** The most units one task can hold: every node's cores or GPUs. */
    public long unitsInAll() {
        return (long) nodes * (billedBy == BilledBy.GPU ? gpusPerNode : coresPerNode);
    }
}
