package io.cyberplaza.core.provider;

import java.util.Optional;

/** Port: the Providers table. */
public interface ProviderRepository {

    Optional<Provider> find(String address);

    /**
     * Stores {@code next} if the stored profile is still at {@code expectedVersion} (0: there is none yet).
     *
     * @return false when another writer got there first
     */
    boolean replace(long expectedVersion, Provider next);
}
