package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.contract.StoreContractSuite;
import io.cyberplaza.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store contract suite of the core, run unchanged against DynamoDB Local. */
@ExtendWith(DynamoDbLocalExtension.class)
class DynamoStoresTest extends StoreContractSuite {
    private DynamoStores stores;

    @BeforeEach
    void connect(DynamoStores stores) {
        this.stores = stores;
    }

    @Override
    protected Stores stores() {
        return stores;
    }
}
