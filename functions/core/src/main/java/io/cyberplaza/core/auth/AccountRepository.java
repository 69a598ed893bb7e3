package io.cyberplaza.core.auth;

import java.util.Optional;

/** Port: the Accounts table, the roles operators granted. */
public interface AccountRepository {

    Optional<Account> find(String address);

    /**
     * Stores {@code next} only if the stored account is still at {@code expected}'s version (an
     * account at version 0 must not exist yet).
     *
     * @return false when another writer got there first
     */
    boolean replace(Account expected, Account next);
}
