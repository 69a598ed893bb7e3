package io.cyberplaza.provisioner.resilience;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;

import java.util.List;
import java.util.Optional;

/**
 * A vendor adapter that launches under one fixed key and skips the look-up before a launch, so a
 * test of the resilience layer sees every launch call its retries make reach the vendor.
 */
public record OneKey(Provisioner vendor, String key) implements Provisioner {
    @Override
    public String kind() {
        return vendor.kind();
    }

    @Override
    public Resource launch(LaunchRequest request, String ignored) {
        return vendor.launch(request, key);
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        return vendor.describe(resourceId);
    }

    @Override
    public void stop(String resourceId) {
        vendor.stop(resourceId);
    }

    @Override
    public void terminate(String resourceId) {
        vendor.terminate(resourceId);
    }

    @Override
    public List<Resource> listOwned() {
        return vendor.listOwned();
    }
}
