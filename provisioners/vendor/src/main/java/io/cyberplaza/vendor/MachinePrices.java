package io.cyberplaza.vendor;

import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceKey;
import io.cyberplaza.core.pricing.PriceUnit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A machine's hourly price turned into the observations it stands for: the machine itself
 * (instance-hour, per vendor machine type), and per vCPU-hour or, for GPU machines, per GPU-hour of
 * its model, where the machine's shape is known. Amounts are micro-USD rounded down.
 */
public final class MachinePrices {
    private static final BigDecimal MICROS = BigDecimal.valueOf(1_000_000);

    private MachinePrices() {
    }

    /** A decimal price in the source's currency, as micro-units rounded down; null when there is no amount. */
    public static Long micros(BigDecimal amount) {
        return amount == null ? null : amount.multiply(MICROS).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    public static void emit(String source, String recordId, String vendorRegion, String machineType, BigDecimal hourly, String currency,
                     Instant observedAt, Consumer<Observation> sink) {
        emit(source, recordId, vendorRegion, machineType, Canonical.shape(machineType), hourly, currency, observedAt, sink);
    }

    /** As above, with the machine's shape as the source states it (the shapes table is the fallback). */
    public static void emit(String source, String recordId, String vendorRegion, String machineType, Optional<Canonical.Shape> stated,
                     BigDecimal hourly, String currency, Instant observedAt, Consumer<Observation> sink) {
        emit(source, recordId, vendorRegion, machineType, stated, hourly, currency, false, observedAt, sink);
    }

    /** As above, on demand or, with {@code spot}, the vendor's spot price: keys of their own, never averaged with on-demand. */
    public static void emit(String source, String recordId, String vendorRegion, String machineType, Optional<Canonical.Shape> stated,
                     BigDecimal hourly, String currency, boolean spot, Instant observedAt, Consumer<Observation> sink) {
        String region = Canonical.regionClass(vendorRegion).orElse(vendorRegion);
        Long perMachine = micros(hourly);
        sink.accept(new Observation(source, recordId, new PriceKey(PriceUnit.INSTANCE_HOUR, region, machineType, spot), perMachine, currency,
                observedAt));
        stated.ifPresent(shape -> {
            Long perUnit = perMachine == null ? null : shape.hasGpus() ? perMachine / shape.gpus() : perMachine / shape.vcpus();
            PriceKey key = shape.hasGpus() ? new PriceKey(PriceUnit.GPU_HOUR, region, shape.gpuModel(), spot)
                    : new PriceKey(PriceUnit.VCPU_HOUR, region, "", spot);
            sink.accept(new Observation(source, recordId, key, perUnit, currency, observedAt));
        });
    }
}
