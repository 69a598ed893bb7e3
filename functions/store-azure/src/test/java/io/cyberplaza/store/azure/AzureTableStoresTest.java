package io.cyberplaza.store.azure;

import io.cyberplaza.core.contract.StoreContractSuite;
import io.cyberplaza.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract suite of the core, run unchanged against Azure Table storage on Azurite. */
@ExtendWith(AzuriteExtension.class)
class AzureTableStoresTest extends StoreContractSuite {
    private Stores stores;

    @BeforeEach
    void connect(Stores stores) {
        this.stores = stores;
    }

    @Override
    protected Stores stores() {
        return stores;
    }
}
