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
    private final RateLimitSettings settings = new RateLimitSettings(100, 300, Duration.ofMinutes(1));

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
}
