package io.cyberplaza.api.ratelimit;

import io.cyberplaza.core.fakes.InMemoryRequestCounter;
import io.cyberplaza.core.fakes.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLimiterTest {
    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-11-24T10:00:00Z"));
    private final AtomicInteger tableCalls = new AtomicInteger();
    private final InMemoryRequestCounter shared = new InMemoryRequestCounter();
    private final RateLimitSettings settings = new RateLimitSettings(100, 300, 300, 6000, Duration.ofMinutes(1));

    private RequestLimiter instance() {
        return new RequestLimiter((identity, now, window, limit, wanted) -> {
            tableCalls.incrementAndGet();
            return shared.take(identity, now, window, limit, wanted);
        }, settings, clock);
    }

    @Test
    void instancesSharingTheCounterNeverAdmitMoreThanTheLimitBetweenThem() {
        RequestLimiter a = instance();
        RequestLimiter b = instance();
        int admitted = 0;
        for (int i = 0; i < 150; i++) {
            if ((i % 3 == 0 ? b : a).admit("address:alice", 100).allowed()) admitted++;
        }
        assertThat(admitted).isEqualTo(100);
        assertThat(tableCalls.get()).as("leases of ten, and one refusal each").isLessThanOrEqualTo(12);
        assertThat(a.admit("address:bob", 100).allowed()).isTrue();
    }

    @Test
    void aRefusedCallerIsRefusedLocallyUntilTheWindowEndsAndThenAdmittedAgain() {
        RequestLimiter limiter = instance();
        for (int i = 0; i < 100; i++) assertThat(limiter.admit("address:carol", 100).remaining()).isEqualTo(99 - i);
        RequestLimiter.Decision refused = limiter.admit("address:carol", 100);
        assertThat(refused.allowed()).isFalse();
        int calls = tableCalls.get();
        limiter.admit("address:carol", 100);
        assertThat(tableCalls.get()).as("no table call while refused").isEqualTo(calls);

        clock.advance(Duration.between(clock.instant(), refused.resetAt()));
        assertThat(limiter.admit("address:carol", 100).allowed()).isTrue();
    }

    @Test
    void oneCallersConcurrentRequestsAreAdmittedExactlyUpToTheLimit() throws Exception {
        RequestLimiter limiter = instance();
        AtomicInteger admitted = new AtomicInteger();
        java.util.List<java.util.concurrent.Callable<Void>> callers = new java.util.ArrayList<>();
        for (int t = 0; t < 16; t++) {
            callers.add(() -> {
                for (int i = 0; i < 50; i++) if (limiter.admit("address:dave", 500).allowed()) admitted.incrementAndGet();
                return null;
            });
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (var done : pool.invokeAll(callers)) done.get();
        }
        assertThat(admitted).hasValue(500);
        assertThat(tableCalls.get()).as("a lease of ten per table call, and one refusal").isEqualTo(51);
    }
}
