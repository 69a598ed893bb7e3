package io.cyberplaza.provisioner.local.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Arguments: seed, rounds. Writes SHA-256 applied {@code rounds} times to the seed. */
public final class Sha256Chain {
    private Sha256Chain() {
    }

    public static void main(String[] args) throws Exception {
        String seed = args[0];
        long rounds = Long.parseLong(args[1]);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        byte[] value = seed.getBytes(StandardCharsets.UTF_8);
        for (long round = 0; round < rounds; round++) value = sha256.digest(value);
        WorkloadOutput.writeResult("template=sha256-chain%nseed=%s%nrounds=%d%ndigest=%s%n"
                .formatted(seed, rounds, HexFormat.of().formatHex(value)));
        WorkloadOutput.writeCpuTime();
    }
}
