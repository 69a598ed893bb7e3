package io.cyberplaza.core.offer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A published benchmark result of an offer's resource. Not money: the value is a decimal as the
 * benchmark reports it, compared only with results of the same kind and unit.
 */
public record Benchmark(BenchmarkKind kind, BigDecimal value, String unit, LocalDate measuredOn, String evidenceUrl) {
    public Benchmark {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(measuredOn, "measuredOn");
        if (value == null || value.signum() <= 0) throw new IllegalArgumentException("a benchmark value must be positive");
        if (unit == null || unit.isBlank() || unit.length() > 32) throw new IllegalArgumentException("a benchmark needs a unit of 1 to 32 characters");
        if (evidenceUrl == null || !evidenceUrl.startsWith("https://") || evidenceUrl.length() > 512) {
            throw new IllegalArgumentException("a benchmark needs an https evidence link of at most 512 characters");
        }
    }
}
