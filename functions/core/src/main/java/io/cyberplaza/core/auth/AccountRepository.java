package io.cyberplaza.core.auth;

import java.util.Optional;

/** Port: the Accounts table, the roles operators granted. */
public interface AccountRepository {

    /** The account; it may be a copy kept for seconds (see {@link RecentAccounts}): fine to read roles from, not to decide a write on. */
    Optional<Account> find(String address);

    /** The account as stored now, never a kept copy: what a grant or a revocation is decided on. */
    default Optional<Account> findCurrent(String address) {
        return find(address);
    }

    /**
     * Stores {@code next} only if the stored account is still at {@code expected}'s version (an
     * account at version 0 must not exist yet).
     *
     * @return false when another writer got there first
     */
    boolean replace(Account expected, Account next);
}
