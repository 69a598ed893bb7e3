package io.cyberplaza.provisioner.local.workload;

import java.util.BitSet;

/** Arguments: limit, rounds. Writes the number of primes up to the limit and the largest one. */
public final class PrimeSieve {
    private PrimeSieve() {
    }

    public static void main(String[] args) throws Exception {
        int limit = Math.toIntExact(Long.parseLong(args[0]));
        long rounds = Long.parseLong(args[1]);
        int count = 0;
        int largest = 0;
        for (long round = 0; round < rounds; round++) {
            BitSet composite = new BitSet(limit + 1);
            count = 0;
            for (int n = 2; n <= limit; n++) {
                if (composite.get(n)) continue;
                count++;
                largest = n;
                for (long multiple = (long) n * n; multiple <= limit; multiple += n) composite.set((int) multiple);
            }
        }
        WorkloadOutput.writeResult("template=prime-sieve%nlimit=%d%nrounds=%d%nprimes=%d%nlargest=%d%n"
                .formatted(limit, rounds, count, largest));
        WorkloadOutput.writeCpuTime();
    }
}
