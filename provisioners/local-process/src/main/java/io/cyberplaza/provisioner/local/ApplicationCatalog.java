package io.cyberplaza.provisioner.local;

import io.cyberplaza.provisioner.ParameterSpec;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.local.workload.Hold;
import io.cyberplaza.provisioner.local.workload.PrimeSieve;
import io.cyberplaza.provisioner.local.workload.Sha256Chain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workloads a local provider offers. Buyers pick a template and give its typed parameters. */
public final class ApplicationCatalog {
    private final Map<String, Template> templates = new LinkedHashMap<>();

    public ApplicationCatalog(List<Template> templates) {
        templates.forEach(t -> this.templates.put(t.name(), t));
    }

    public static ApplicationCatalog standard() {
        return new ApplicationCatalog(List.of(
                new Template("prime-sieve", "Counts the primes up to a limit with a sieve of Eratosthenes, repeated for load",
                        List.of(ParameterSpec.integer("limit", 2, 200_000_000, 10_000_000, "count primes up to this number"),
                                ParameterSpec.integer("rounds", 1, 100_000, 1, "how many times to run the sieve")),
                        PrimeSieve.class),
                new Template("sha256-chain", "Hashes a seed with SHA-256 again and again; the result proves the work",
                        List.of(ParameterSpec.token("seed", "[A-Za-z0-9_-]{1,64}", "cyberplaza", "the starting text"),
                                ParameterSpec.integer("rounds", 1, 10_000_000_000L, 1_000_000, "how many times to hash")),
                        Sha256Chain.class),
                new Template("hold", "Keeps the slot for a number of seconds without using the CPU",
                        List.of(ParameterSpec.integer("seconds", 1, 86_400, 60, "how long to hold")),
                        Hold.class)));
    }

    public List<Template> templates() {
        return List.copyOf(templates.values());
    }

    public Optional<Template> find(String name) {
        return Optional.ofNullable(templates.get(name));
    }

    /** The template's arguments in order, each validated; refuses unknown templates and parameters. */
    public List<String> arguments(String templateName, Map<String, String> given) {
        Template template = find(templateName).orElseThrow(() -> new ProvisionException(ProvisionException.Reason.INVALID,
                "no template " + templateName + "; the catalog has " + templates.keySet()));
        List<String> unknown = given.keySet().stream()
                .filter(name -> template.parameters().stream().noneMatch(p -> p.name().equals(name))).toList();
        if (!unknown.isEmpty()) {
            throw new ProvisionException(ProvisionException.Reason.INVALID, "unknown parameters for " + templateName + ": " + unknown);
        }
        List<String> arguments = new ArrayList<>();
        for (ParameterSpec spec : template.parameters()) {
            ParameterSpec.Validated value = spec.validate(Optional.ofNullable(given.get(spec.name())));
            if (!value.isValid()) throw new ProvisionException(ProvisionException.Reason.INVALID, value.problem());
            arguments.add(value.value());
        }
        return arguments;
    }
}
