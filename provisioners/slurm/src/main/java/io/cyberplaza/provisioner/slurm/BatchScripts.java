package io.cyberplaza.provisioner.slurm;

import io.cyberplaza.provisioner.ParameterSpec;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.TaskPlan;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an order's application, parameters and task plan into batch scripts. Every value is
 * checked against its typed parameter first and reaches the shell single-quoted; the buyer's own
 * script is written to a file through a quoted here-document and run by bash, never evaluated by
 * the lines around it.
 */
final class BatchScripts {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final java.util.Set<String> RESERVED = java.util.Set.of("OUT", "VALUES", "PATH", "HOME", "ENV", "IFS", "SHELL", "SHELLOPTS",
            "CDPATH", "GLOBIGNORE", "PS4", "PROMPT_COMMAND", "TMPDIR", "USER", "LOGNAME", "PWD", "OLDPWD", "HOSTNAME");
    private final Map<String, SlurmApplication> applications = new LinkedHashMap<>();

    BatchScripts(List<SlurmApplication> applications) {
        applications.forEach(a -> this.applications.put(a.name(), a));
    }

    List<SlurmApplication> applications() {
        return List.copyOf(applications.values());
    }

    /**
     * The script of one task (or every task of a sweep): writes its files under {@code outputDirectory}/{@code label}.
     *
     * @param sweep the swept parameter and its values, or null
     */
    String script(String application, Map<String, String> given, TaskPlan.Sweep sweep, String outputDirectory, String label) {
        SlurmApplication app = Optional.ofNullable(applications.get(application)).orElseThrow(() -> invalid(
                "no application " + application + "; the centre runs " + applications.keySet()));
        List<String> unknown = given.keySet().stream()
                .filter(name -> app.parameters().stream().noneMatch(p -> p.name().equals(name))).toList();
        if (!unknown.isEmpty()) throw invalid("unknown parameters for " + application + ": " + unknown);

        StringBuilder script = new StringBuilder("#!/bin/bash\n");
        script.append("OUT=").append(quote(outputDirectory)).append("/").append(label).append('\n');
        script.append("mkdir -p \"$OUT\" && cd \"$OUT\" || exit 97\n");
        script.append("export CYBERPLAZA_OUTPUT=\"$OUT\"\n");
        boolean swept = false;
        for (ParameterSpec spec : app.parameters()) {
            if (sweep != null && sweep.parameter().equals(spec.name())) {
                swept = true;
                script.append(sweepLines(spec.name(), sweep.values().stream().map(v -> checked(spec, Optional.of(v))).toList()));
            } else if (!application.equals(SlurmApplication.OWN_SCRIPT)) {
                script.append("P_").append(spec.name()).append('=').append(quote(checked(spec, Optional.ofNullable(given.get(spec.name())))))
                        .append('\n');
            }
        }
        if (application.equals(SlurmApplication.OWN_SCRIPT)) {
            if (sweep != null) {
                // A script reads its swept value from the environment, by the name it chose.
                if (!sweep.parameter().matches("[A-Z_][A-Z0-9_]{0,63}")) throw invalid("a script's sweep names an environment variable: A-Z, 0-9 and _");
                // Names the surrounding lines or bash itself read would let a value redirect where the script runs.
                if (RESERVED.contains(sweep.parameter()) || sweep.parameter().startsWith("SLURM_") || sweep.parameter().startsWith("CYBERPLAZA_")
                        || sweep.parameter().startsWith("P_") || sweep.parameter().startsWith("BASH") || sweep.parameter().startsWith("LD_")) {
                    throw invalid("a sweep may not name " + sweep.parameter() + ": it is the shell's or the scheduler's");
                }
                swept = true;
                script.append(sweepLines(sweep.parameter(), sweep.values().stream().map(BatchScripts::checkedScriptValue).toList()));
                script.append("export ").append(sweep.parameter()).append("=\"$P_").append(sweep.parameter()).append("\"\n");
            }
            String own = checked(app.parameters().getFirst(), Optional.ofNullable(given.get("script")));
            byte[] nonce = new byte[8];
            RANDOM.nextBytes(nonce);
            // A delimiter the script cannot know cannot end the here-document early.
            String end = "CYBERPLAZA_" + HexFormat.of().formatHex(nonce).toUpperCase();
            // Read by bash from a descriptor, never from a file on the shared file system another job could swap.
            script.append("bash /dev/fd/3 3<<'").append(end).append("'\n").append(own);
            if (!own.endsWith("\n")) script.append('\n');
            script.append(end).append('\n');
        } else {
            script.append(app.body());
        }
        if (sweep != null && !swept) throw invalid("the sweep's parameter " + sweep.parameter() + " is not one of " + application + "'s");
        return script.toString();
    }

    private static String sweepLines(String name, List<String> values) {
        StringBuilder lines = new StringBuilder("VALUES=(");
        values.forEach(v -> lines.append(quote(v)).append(' '));
        return lines.append(")\nP_").append(name).append("=\"${VALUES[$SLURM_ARRAY_TASK_ID]}\"\n").toString();
    }

    private static String checked(ParameterSpec spec, Optional<String> value) {
        ParameterSpec.Validated validated = spec.validate(value);
        if (!validated.isValid()) throw invalid(validated.problem());
        return validated.value();
    }

    private static String checkedScriptValue(String value) {
        if (!value.matches("[A-Za-z0-9_.:,+=@/-]{1,128}")) throw invalid("a swept value is 1 to 128 of A-Z, a-z, 0-9 and _.:,+=@/-");
        return value;
    }

    /** Single-quoted for bash: nothing inside is expanded. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static ProvisionException invalid(String message) {
        return new ProvisionException(ProvisionException.Reason.INVALID, message);
    }
}
