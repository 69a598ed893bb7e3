package io.cyberplaza.core.offer;

public enum ResourceType {
    CPU,
    GPU,
    FPGA,
    STORAGE,
    SOFTWARE
}
