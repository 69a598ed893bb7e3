package io.cyberplaza.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;

/** Cold-start probes run in JVMs of their own (the milliseconds each prints as its last number line), and their figures. */
final class FreshJvm {
    private FreshJvm() {
    }

    static long millis(List<String> command, Path log, String what) throws Exception {
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()))) {
            for (String line; (line = out.readLine()) != null; ) if (line.matches("\\d+")) last = line;
        }
        if (process.waitFor() != 0 || last == null) throw new IllegalStateException(what + " cold start failed: see " + log);
        return Long.parseLong(last);
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** One figure line: the median, then the range. */
    static void print(String name, List<Long> values) {
        System.out.printf("  %-46s %6d  (min %d, max %d)%n", name, median(values),
                values.stream().mapToLong(Long::longValue).min().orElse(0), values.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
