package io.cyberplaza.core.fakes;

import io.cyberplaza.core.contract.StoreContractSuite;
import io.cyberplaza.core.store.Stores;

/** The fakes the core's unit tests use must behave like the real stores: same contract suite. */
class InMemoryStoresTest extends StoreContractSuite {
    private final Stores stores = InMemoryStores.empty();

    @Override
    protected Stores stores() {
        return stores;
    }
}
