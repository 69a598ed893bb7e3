package io.cyberplaza.provisioner.local.workload;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Where a workload writes its result and its own CPU time: files in its work directory. */
final class WorkloadOutput {
    private WorkloadOutput() {
    }

    static Path workDir() {
        return Path.of(System.getProperty("cyberplaza.workdir", "."));
    }

    /** Written atomically, so a reader never sees half a result. */
    static void writeResult(String text) throws IOException {
        Path temporary = workDir().resolve("result.txt.partial");
        Files.writeString(temporary, text);
        Files.move(temporary, workDir().resolve("result.txt"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void writeCpuTime() throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Files.writeString(workDir().resolve("cpu-millis"), Long.toString(os.getProcessCpuTime() / 1_000_000));
    }
}
