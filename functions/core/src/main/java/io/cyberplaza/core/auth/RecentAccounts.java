package io.cyberplaza.core.auth;

import io.cyberplaza.core.store.KeptReads;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The accounts as the API reads them on every request to know the caller's roles: each kept for
 * {@code keepFor} per container, so a revocation made anywhere takes effect within that time and one
 * made through this container at once (a write forgets what was kept, and so does a replace that lost
 * a race). An address without an account is kept too: it costs one entry per caller, as the rate
 * limiter's counters do, and entries past their time are dropped when there are many.
 */
public final class RecentAccounts implements AccountRepository {
    private final AccountRepository accounts;
    private final KeptReads<String, Optional<Account>> kept;

    public RecentAccounts(AccountRepository accounts, Duration keepFor, Clock clock) {
        this.accounts = accounts;
        this.kept = new KeptReads<>(keepFor, clock, 10_000);
    }

    @Override
    public Optional<Account> find(String address) {
        return kept.get(address, accounts::find, any -> true);
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
            kept.forget();
        }
    }
}
