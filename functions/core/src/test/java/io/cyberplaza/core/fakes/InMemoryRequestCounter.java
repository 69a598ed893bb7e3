package io.cyberplaza.core.fakes;

import io.cyberplaza.core.ratelimit.RequestCounter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

public final class InMemoryRequestCounter implements RequestCounter {
    private record Window(Instant start, int count) {
    }

    private final Map<String, Window> windows = new HashMap<>();

    @Override
    public synchronized Decision count(String identity, Instant now, Duration window, int limit) {
        Window current = windows.get(identity);
        if (current == null || !current.start().plus(window).isAfter(now)) current = new Window(now, 0);
        Instant resetAt = current.start().plus(window);
        if (current.count() >= limit) return new Decision(false, limit, 0, resetAt);
        windows.put(identity, new Window(current.start(), current.count() + 1));
        return new Decision(true, limit, limit - current.count() - 1, resetAt);
    }
}
