package io.cyberplaza.core.pricing;

import java.util.Map;
import java.util.Optional;

/**
 * What makes vendors' prices comparable: each vendor's regions in a region class, and the shape
 * (vCPUs, GPUs) of the machine types the marketplace resells. A machine's price divided by its
 * vCPUs (or GPUs) is its price per vCPU-hour (GPU-hour), comparable with every other vendor's.
 */
public final class Canonical {

    /** vCPUs, and the GPU model and count where there are GPUs. */
    public record Shape(int vcpus, String gpuModel, int gpus) {
        public boolean hasGpus() {
            return gpus > 0;
        }
    }

    private static final Map<String, String> REGIONS = Map.ofEntries(
            Map.entry("us-east-1", "us-east"), Map.entry("us-east-2", "us-east"), Map.entry("eastus", "us-east"),
            Map.entry("eastus2", "us-east"), Map.entry("us-east1", "us-east"), Map.entry("us-east4", "us-east"),
            Map.entry("us-west-2", "us-west"), Map.entry("westus2", "us-west"), Map.entry("us-west1", "us-west"),
            Map.entry("eu-west-1", "eu-west"), Map.entry("westeurope", "eu-west"), Map.entry("europe-west1", "eu-west"),
            Map.entry("eu-central-1", "eu-central"), Map.entry("germanywestcentral", "eu-central"), Map.entry("europe-west3", "eu-central"),
            Map.entry("cn-hangzhou", "cn-east"), Map.entry("cn-shanghai", "cn-east"), Map.entry("ap-southeast-1", "ap-southeast"),
            Map.entry("southeastasia", "ap-southeast"), Map.entry("asia-southeast1", "ap-southeast"));

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("t3.micro", new Shape(2, "", 0)), Map.entry("m7i.large", new Shape(2, "", 0)), Map.entry("m7i.xlarge", new Shape(4, "", 0)),
            Map.entry("c7i.2xlarge", new Shape(8, "", 0)), Map.entry("p5.48xlarge", new Shape(192, "h100", 8)),
            Map.entry("g5.xlarge", new Shape(4, "a10g", 1)),
            Map.entry("Standard_D2s_v5", new Shape(2, "", 0)), Map.entry("Standard_D4s_v5", new Shape(4, "", 0)),
            Map.entry("Standard_D8s_v5", new Shape(8, "", 0)), Map.entry("Standard_ND96isr_H100_v5", new Shape(96, "h100", 8)),
            Map.entry("n2-standard-2", new Shape(2, "", 0)), Map.entry("n2-standard-4", new Shape(4, "", 0)),
            Map.entry("n2-standard-8", new Shape(8, "", 0)), Map.entry("a3-highgpu-8g", new Shape(208, "h100", 8)),
            Map.entry("ecs.g7.large", new Shape(2, "", 0)), Map.entry("ecs.g7.xlarge", new Shape(4, "", 0)),
            Map.entry("ecs.g7.2xlarge", new Shape(8, "", 0)));

    private Canonical() {
    }

    public static Optional<String> regionClass(String vendorRegion) {
        return Optional.ofNullable(REGIONS.get(vendorRegion));
    }

    /** The machine types of the shapes table whose names start with {@code prefix} (e.g. {@code "ecs."}), sorted. */
    public static java.util.List<String> machineTypes(String prefix) {
        return SHAPES.keySet().stream().filter(type -> type.startsWith(prefix)).sorted().toList();
    }

    public static Optional<Shape> shape(String machineType) {
        return Optional.ofNullable(SHAPES.get(machineType));
    }
}
