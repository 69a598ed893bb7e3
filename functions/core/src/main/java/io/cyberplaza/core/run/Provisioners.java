package io.cyberplaza.core.run;

import io.cyberplaza.provisioner.Provisioner;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The provisioners a deployment has, by the kind offers name. */
public final class Provisioners {
    private final Map<String, Provisioner> byKind;

    public Provisioners(List<Provisioner> provisioners) {
        this.byKind = provisioners.stream().collect(Collectors.toUnmodifiableMap(Provisioner::kind, Function.identity()));
    }

    /** The kinds deployed here: the only ones an offer may name. */
    public Set<String> kinds() {
        return byKind.keySet();
    }

    /**
     * The kinds a provider may list offers for: the platform's own cloud accounts (adapters whose
     * leftovers cost money) are resold from the catalog only.
     */
    public Set<String> listableByProviders() {
        return byKind.values().stream().filter(p -> !p.leaksCost()).map(Provisioner::kind).collect(Collectors.toUnmodifiableSet());
    }

    public Collection<Provisioner> all() {
        return byKind.values();
    }

    public Provisioner forKind(String kind) {
        Provisioner provisioner = byKind.get(kind);
        if (provisioner == null) throw new IllegalStateException("no provisioner of kind " + kind + " is deployed");
        return provisioner;
    }
}
