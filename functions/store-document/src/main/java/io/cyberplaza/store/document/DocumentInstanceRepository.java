package io.cyberplaza.store.document;

import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.core.vendor.InstanceRepository;

import java.util.Optional;

final class DocumentInstanceRepository implements InstanceRepository {
    private final DocumentTable<Instance> instances;

    DocumentInstanceRepository(DocumentStore store, String collection) {
        this.instances = new DocumentTable<>(store, collection, Instance.class, instance -> DocumentTable.single(instance.resourceId()));
    }

    @Override
    public void recordLaunch(Instance instance) {
        instances.create(instance);
    }

    @Override
    public Optional<Instance> find(String resourceId) {
        return instances.find(DocumentTable.single(resourceId));
    }

    @Override
    public boolean replace(Instance current, Instance next) {
        return instances.replaceIf(DocumentTable.single(current.resourceId()), current::equals, next);
    }

    @Override
    public void delete(String resourceId) {
        instances.delete(DocumentTable.single(resourceId));
    }
}
