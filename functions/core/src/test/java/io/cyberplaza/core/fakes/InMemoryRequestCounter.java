package io.cyberplaza.core.fakes;

import io.cyberplaza.core.ratelimit.RequestCounter;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

public final class InMemoryRequestCounter implements RequestCounter {
    private record Window(Instant start, int used) {
    }

    private final Map<String, Window> windows = new HashMap<>();

    @Override
    public synchronized Lease take(String identity, Instant now, Duration window, int limit, int wanted) {
        Window current = windows.get(identity);
        if (current == null || !current.start().plus(window).isAfter(now)) current = new Window(now, 0);
        int granted = Math.max(0, Math.min(wanted, limit - current.used()));
        windows.put(identity, new Window(current.start(), current.used() + granted));
        return new Lease(granted, current.used() + granted, current.start().plus(window));
    }
}
