package io.cyberplaza.provisioner;

/** A workload's output file, small enough to hand to its owner in one response. */
public record WorkloadResult(String fileName, String contentType, byte[] content) {
}
