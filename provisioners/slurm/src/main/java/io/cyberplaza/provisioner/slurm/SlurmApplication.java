package io.cyberplaza.provisioner.slurm;

import io.cyberplaza.provisioner.ParameterSpec;

import java.util.List;

/**
 * An application of the centre's catalog: typed parameters and the shell lines that run it. The
 * lines read each parameter from {@code $P_<name>}, set from the validated values (or a sweep's).
 */
public record SlurmApplication(String name, String description, List<ParameterSpec> parameters, String body) {
    public SlurmApplication {
        parameters = List.copyOf(parameters);
    }

    /** The buyer's own batch script: the one parameter is the script, run as it is by the cluster's job user. */
    public static final String OWN_SCRIPT = "batch-script";
    public static final int MAX_SCRIPT_BYTES = 64 * 1024;

    /** The catalog every Slurm centre of the platform offers; centres add their own. */
    public static List<SlurmApplication> standard() {
        return List.of(
                new SlurmApplication("pi-monte-carlo", "Estimates pi from random points in the unit square (Python 3)",
                        List.of(ParameterSpec.integer("samples", 1, 1_000_000_000, 1_000_000, "how many random points"),
                                ParameterSpec.integer("seed", 0, Integer.MAX_VALUE, 1, "the random generator's seed")),
                        """
                        python3 - "$P_samples" "$P_seed" > pi.txt <<'PY'
                        import random, sys
                        samples, seed = int(sys.argv[1]), int(sys.argv[2])
                        rng = random.Random(seed)
                        inside = sum(1 for _ in range(samples) if rng.random() ** 2 + rng.random() ** 2 <= 1.0)
                        print(f"samples={samples} seed={seed} inside={inside} pi={4 * inside / samples:.8f}")
                        PY
                        cat pi.txt
                        """),
                new SlurmApplication("openssl-speed", "Measures a cipher's or digest's throughput on the allocated cores (OpenSSL)",
                        List.of(ParameterSpec.token("algorithm", "sha256|sha512|aes-128-gcm|aes-256-gcm|chacha20-poly1305", "sha256",
                                        "what to measure"),
                                ParameterSpec.integer("seconds", 1, 3_600, 3, "how long to measure each block size")),
                        """
                        openssl speed -seconds "$P_seconds" -multi "${SLURM_CPUS_PER_TASK:-1}" -evp "$P_algorithm" > speed.txt 2>&1
                        tail -n 3 speed.txt
                        """),
                new SlurmApplication("sleep", "Holds its cores for a number of seconds without using them",
                        List.of(ParameterSpec.integer("seconds", 1, 86_400, 60, "how long to hold")),
                        """
                        sleep "$P_seconds"
                        echo "held $P_seconds s"
                        """),
                new SlurmApplication(OWN_SCRIPT, "Your own batch script, run by bash as the cluster's job user",
                        List.of(ParameterSpec.token("script", "(?s).{1," + MAX_SCRIPT_BYTES + "}", "", "the script's text")),
                        ""));
    }
}
