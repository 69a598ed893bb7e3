package io.cyberplaza.core.fakes;

import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.core.vendor.InstanceRepository;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryInstanceRepository implements InstanceRepository {
    private final Map<String, Instance> byId = new ConcurrentHashMap<>();

    @Override
    public void recordLaunch(Instance instance) {
        byId.putIfAbsent(instance.resourceId(), instance);
    }

    @Override
    public Optional<Instance> find(String resourceId) {
        return Optional.ofNullable(byId.get(resourceId));
    }

    @Override
    public boolean replace(Instance current, Instance next) {
        return byId.replace(current.resourceId(), current, next);
    }

    @Override
    public void delete(String resourceId) {
        byId.remove(resourceId);
    }
}
