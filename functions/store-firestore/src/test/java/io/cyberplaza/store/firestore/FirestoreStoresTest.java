package io.cyberplaza.store.firestore;

import io.cyberplaza.core.contract.StoreContractSuite;
import io.cyberplaza.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract suite of the core, run unchanged against Firestore on its emulator. */
@ExtendWith(FirestoreEmulatorExtension.class)
class FirestoreStoresTest extends StoreContractSuite {
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
