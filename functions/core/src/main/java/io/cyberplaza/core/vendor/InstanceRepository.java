package io.cyberplaza.core.vendor;

import java.util.Optional;

/** Port: the Instances table, written with conditions on the record's version. */
public interface InstanceRepository {

    /** Records a launch; a record of the same resource already there is kept (a launch retried). */
    void recordLaunch(Instance instance);

    Optional<Instance> find(String resourceId);

    /** Replaces {@code current} with {@code next} if nobody changed it since it was read. */
    boolean replace(Instance current, Instance next);

    /** Drops the record: only once the vendor confirmed the resource is gone. */
    void delete(String resourceId);
}
