package io.cyberplaza.core.offer;

/** The published benchmarks buyers compare offers by. */
public enum BenchmarkKind {
    /** Linpack, dense linear algebra (FLOP/s). */
    HPL,
    /** Conjugate gradients, memory-bound HPC (FLOP/s). */
    HPCG,
    /** Sustained memory bandwidth (bytes/s). */
    STREAM,
    /** MLPerf training or inference results. */
    MLPERF
}
