package io.cyberplaza.provisioner.local.workload;

/** Argument: seconds. Holds the slot, idle, then reports how long it held it. */
public final class Hold {
    private Hold() {
    }

    public static void main(String[] args) throws Exception {
        long seconds = Long.parseLong(args[0]);
        Thread.sleep(seconds * 1_000);
        WorkloadOutput.writeResult("template=hold%nseconds=%d%n".formatted(seconds));
        WorkloadOutput.writeCpuTime();
    }
}
