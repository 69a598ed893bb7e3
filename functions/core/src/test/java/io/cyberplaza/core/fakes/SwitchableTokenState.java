package io.cyberplaza.core.fakes;

import io.cyberplaza.core.escrow.TokenState;

import java.util.concurrent.atomic.AtomicInteger;

/** The issuer's switches as a test sets them, and a node that can be made unreachable. */
public final class SwitchableTokenState implements TokenState {
    private volatile Status status = Status.USABLE;
    private volatile boolean unreachable;
    private final AtomicInteger reads = new AtomicInteger();

    public void set(boolean paused, boolean escrowBlacklisted) {
        status = new Status(paused, escrowBlacklisted);
    }

    public void unreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public Status read() {
        reads.incrementAndGet();
        if (unreachable) throw new IllegalStateException("connection refused");
        return status;
    }
}
