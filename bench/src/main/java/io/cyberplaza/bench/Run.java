package io.cyberplaza.bench;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * Runs one benchmark and ends its JVM when the benchmark returns, so {@code bench/run} goes on to the
 * next: the embedded servers a local stack starts (DynamoDB Local's Jetty, the HTTP server's event
 * loops) leave non-daemon threads behind even once closed. A failing benchmark says why in one line.
 */
public final class Run {
    private Run() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: Run <benchmark class in io.cyberplaza.bench> [args]");
            System.exit(2);
        }
        String name = args[0];
        int status = 0;
        try {
            Class.forName("io.cyberplaza.bench." + name).getMethod("main", String[].class)
                    .invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            System.out.println(name + " failed: " + e.getCause());
            e.getCause().printStackTrace();
            status = 1;
        } catch (ReflectiveOperationException e) {
            System.out.println(name + " could not be started: " + e);
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }
}
