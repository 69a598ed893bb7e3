package io.cyberplaza.core.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test can push forward: from a fixed instant, or from the system clock. */
public final class MutableClock extends Clock {
    private final AtomicLong offsetMillis = new AtomicLong();
    private final Instant fixedStart;

    /** The system clock plus an offset. */
    public MutableClock() {
        this.fixedStart = null;
    }

    /** Stands still at {@code start} until advanced. */
    public MutableClock(Instant start) {
        this.fixedStart = start;
    }

    public void advance(Duration duration) {
        offsetMillis.addAndGet(duration.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (fixedStart == null ? Instant.now() : fixedStart).plusMillis(offsetMillis.get());
    }
}
