package io.cyberplaza.vendor;

import io.cyberplaza.core.secret.SecretStore;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The vendor modules a function's package carries, found through {@link ServiceLoader}. Two modules
 * claiming one kind or one callback route is a packaging mistake and stops the function at start.
 */
public final class Vendors {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** Webhook routes the platform serves itself. */
    private static final Set<String> RESERVED_ROUTES = Set.of("coupons");
    private final List<VendorModule> modules;

    public Vendors(List<VendorModule> modules) {
        Set<String> kinds = new HashSet<>();
        Set<String> routes = new HashSet<>();
        for (VendorModule module : modules) {
            if (!NAME.matcher(module.kind()).matches()) throw new IllegalStateException("a vendor module's kind is not a name: " + module.kind());
            if (!kinds.add(module.kind())) throw new IllegalStateException("two vendor modules claim the kind " + module.kind());
            module.callbacks().ifPresent(reader -> {
                if (!NAME.matcher(reader.route()).matches() || RESERVED_ROUTES.contains(reader.route())) {
                    throw new IllegalStateException(module.kind() + " claims the callback route " + reader.route() + ", which is not its to take");
                }
                if (!routes.add(reader.route())) throw new IllegalStateException("two vendor modules claim the route " + reader.route());
            });
            module.secretNames().stream().filter(SecretStore.PLATFORM::contains).findAny().ifPresent(secret -> {
                throw new IllegalStateException(module.kind() + " declares the platform's own secret " + secret);
            });
        }
        this.modules = modules.stream().sorted(Comparator.comparing(VendorModule::kind)).toList();
    }

    public static Vendors discovered() {
        // The SPI's own loader, not the thread's: a function host's worker may run with a context loader that sees no module.
        return new Vendors(ServiceLoader.load(VendorModule.class, VendorModule.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    public List<VendorModule> modules() {
        return modules;
    }

    public Optional<CallbackReader> callbacks(String route) {
        return withRoute(route).flatMap(VendorModule::callbacks);
    }

    /** The module whose callbacks arrive on that route. */
    public Optional<VendorModule> withRoute(String route) {
        return modules.stream().filter(module -> module.callbacks().map(reader -> reader.route().equals(route)).orElse(false)).findFirst();
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
