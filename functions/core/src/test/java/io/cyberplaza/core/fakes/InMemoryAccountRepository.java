package io.cyberplaza.core.fakes;

import io.cyberplaza.core.auth.Account;
import io.cyberplaza.core.auth.AccountRepository;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryAccountRepository implements AccountRepository {
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    @Override
    public Optional<Account> find(String address) {
        return Optional.ofNullable(accounts.get(address));
    }

    @Override
    public synchronized boolean replace(Account expected, Account next) {
        Account stored = accounts.get(expected.address());
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != expected.version() || next.version() != expected.version() + 1) return false;
        accounts.put(next.address(), next);
        return true;
    }
}
