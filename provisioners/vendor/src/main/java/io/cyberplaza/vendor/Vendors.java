package io.cyberplaza.vendor;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The vendor modules a function's package carries, found through {@link ServiceLoader}. Two modules
 * claiming one kind or one callback route is a packaging mistake and stops the function at start.
 */
public final class Vendors {
    private final List<VendorModule> modules;

    public Vendors(List<VendorModule> modules) {
        Set<String> kinds = new HashSet<>();
        Set<String> routes = new HashSet<>();
        for (VendorModule module : modules) {
            if (!kinds.add(module.kind())) throw new IllegalStateException("two vendor modules claim the kind " + module.kind());
            module.callbacks().ifPresent(reader -> {
                if (!routes.add(reader.route())) throw new IllegalStateException("two vendor modules claim the route " + reader.route());
            });
        }
        this.modules = modules.stream().sorted(Comparator.comparing(VendorModule::kind)).toList();
    }

    public static Vendors discovered() {
        return new Vendors(ServiceLoader.load(VendorModule.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public List<VendorModule> modules() {
        return modules;
    }

    public Optional<CallbackReader> callbacks(String route) {
        return modules.stream().flatMap(module -> module.callbacks().stream()).filter(reader -> reader.route().equals(route)).findFirst();
    }

    public Set<String> callbackRoutes() {
        Set<String> routes = new TreeSet<>();
        modules.forEach(module -> module.callbacks().ifPresent(reader -> routes.add(reader.route())));
        return routes;
    }

    public Set<String> secretNames() {
        Set<String> names = new TreeSet<>();
        modules.forEach(module -> names.addAll(module.secretNames()));
        return names;
    }
}
