package io.cyberplaza.core.contract;

import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.ratelimit.RequestCounter.Decision;
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

public abstract class RequestCounterContract {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00.250Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    protected abstract RequestCounter counter();

    private static String identity() {
        return "user:" + UUID.randomUUID();
    }

    @Test
    void theWindowOpensWithTheFirstRequestAndAllowsExactlyTheLimit() {
        RequestCounter counter = counter();
        String who = identity();
        Decision first = counter.count(who, NOW, MINUTE, 3);
        assertThat(first).isEqualTo(new Decision(true, 3, 2, NOW.plus(MINUTE)));
        assertThat(counter.count(who, NOW.plusSeconds(10), MINUTE, 3).remaining()).isEqualTo(1);
        assertThat(counter.count(who, NOW.plusSeconds(20), MINUTE, 3).remaining()).isZero();
        Decision refused = counter.count(who, NOW.plusSeconds(59), MINUTE, 3);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.resetAt()).isEqualTo(NOW.plus(MINUTE));

        assertThat(counter.count(identity(), NOW.plusSeconds(59), MINUTE, 3).allowed()).as("others are counted apart").isTrue();
        Decision next = counter.count(who, NOW.plus(MINUTE), MINUTE, 3);
        assertThat(next).as("a new window").isEqualTo(new Decision(true, 3, 2, NOW.plus(MINUTE).plus(MINUTE)));
    }

    @Test
    void concurrentRequestsNeverGetPastTheLimit() throws Exception {
        RequestCounter counter = counter();
        String who = identity();
        List<Callable<Boolean>> requests = new ArrayList<>();
        for (int i = 0; i < 40; i++) requests.add(() -> counter.count(who, NOW, MINUTE, 25).allowed());
        try (var pool = Executors.newFixedThreadPool(8)) {
            int allowed = 0;
            for (Future<Boolean> result : pool.invokeAll(requests)) if (result.get()) allowed++;
            assertThat(allowed).isEqualTo(25);
        }
    }
}
