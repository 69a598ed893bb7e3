package io.cyberplaza.provisioner.local;

import io.cyberplaza.provisioner.ParameterSpec;
import java.util.List;

/** A named workload of the application catalog: a main class of this module and its parameters. */
public record Template(String name, String description, List<ParameterSpec> parameters, Class<?> mainClass) {
    public Template {
        parameters = List.copyOf(parameters);
    }
}
