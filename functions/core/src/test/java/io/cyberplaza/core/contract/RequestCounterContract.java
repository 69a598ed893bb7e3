package io.cyberplaza.core.contract;

import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.ratelimit.RequestCounter.Lease;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** What every RateLimits store must do. Times are far in the future: the store may expire windows by TTL against the real clock. */
public abstract class RequestCounterContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00.250Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    protected abstract RequestCounter counter();

    private static String identity() {
        return "address:" + UUID.randomUUID();
    }

    @Test
    void theWindowOpensWithTheFirstLeaseAndGrantsExactlyTheLimit() {
        RequestCounter counter = counter();
        String who = identity();
        assertThat(counter.take(who, NOW, MINUTE, 25, 10)).isEqualTo(new Lease(10, 10, NOW.plus(MINUTE)));
        assertThat(counter.take(who, NOW.plusSeconds(10), MINUTE, 25, 10)).isEqualTo(new Lease(10, 20, NOW.plus(MINUTE)));
        assertThat(counter.take(who, NOW.plusSeconds(20), MINUTE, 25, 10)).as("only what is left").isEqualTo(new Lease(5, 25, NOW.plus(MINUTE)));
        assertThat(counter.take(who, NOW.plusSeconds(59), MINUTE, 25, 1)).as("nothing past the limit").isEqualTo(new Lease(0, 25, NOW.plus(MINUTE)));

        assertThat(counter.take(identity(), NOW.plusSeconds(59), MINUTE, 25, 1).granted()).as("others are counted apart").isEqualTo(1);
        assertThat(counter.take(who, NOW.plus(MINUTE), MINUTE, 25, 1)).as("a new window")
                .isEqualTo(new Lease(1, 1, NOW.plus(MINUTE).plus(MINUTE)));
    }

    @Test
    void concurrentLeasesNeverAddUpPastTheLimit() throws Exception {
        RequestCounter counter = counter();
        String who = identity();
        List<Callable<Integer>> instances = new ArrayList<>();
        for (int i = 0; i < 40; i++) instances.add(() -> counter.take(who, NOW, MINUTE, 100, 7).granted());
        try (var pool = Executors.newFixedThreadPool(8)) {
            int granted = 0;
            for (Future<Integer> result : pool.invokeAll(instances)) granted += result.get();
            assertThat(granted).isEqualTo(100);
        }
    }
}
