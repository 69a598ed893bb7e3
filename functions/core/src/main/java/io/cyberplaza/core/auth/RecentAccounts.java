package io.cyberplaza.core.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The accounts as the API reads them on every request to know the caller's roles: each kept for
 * {@code keepFor} per container, so a revocation made anywhere takes effect within that time and one
 * made through this container at once (a write forgets what was kept, and so does a replace that lost
 * a race). An address without an account is kept too: it costs one entry per caller, as the rate
 * limiter's counters do, and entries past their time are dropped when there are many.
 */
public final class RecentAccounts implements AccountRepository {
    private static final int SWEEP_ABOVE = 10_000;

    private record Kept(Optional<Account> account, Instant readAt) {
    }

    private final AccountRepository accounts;
    private final Duration keepFor;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    /** Moves on at every write, so a read that raced a write does not keep what it saw. */
    private final AtomicLong writes = new AtomicLong();
    private volatile Instant nextSweep = Instant.EPOCH;

    public RecentAccounts(AccountRepository accounts, Duration keepFor, Clock clock) {
        this.accounts = accounts;
        this.keepFor = keepFor;
        this.clock = clock;
    }

    @Override
    public Optional<Account> find(String address) {
        Instant now = clock.instant();
        Kept entry = kept.get(address);
        if (entry != null && now.isBefore(entry.readAt().plus(keepFor))) return entry.account();
        // At most once per span, so a crowd of callers does not make every request scan them all.
        if (kept.size() > SWEEP_ABOVE && now.isAfter(nextSweep)) {
            nextSweep = now.plus(keepFor);
            kept.values().removeIf(old -> !now.isBefore(old.readAt().plus(keepFor)));
        }
        long writesBefore = writes.get();
        Optional<Account> account = accounts.find(address);
        kept.put(address, new Kept(account, now));
        if (writes.get() != writesBefore) kept.remove(address);
        return account;
    }

    @Override
    public Optional<Account> findCurrent(String address) {
        return accounts.findCurrent(address);
    }

    @Override
    public boolean replace(Account expected, Account next) {
        try {
            return accounts.replace(expected, next);
        } finally {
            writes.incrementAndGet();
            kept.clear();
        }
    }
}
