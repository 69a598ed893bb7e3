package io.cyberplaza.local;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code up}: starts the local marketplace, prints one JSON line describing it (also written to
 * {@code .cyberplaza/local.json}) and runs until interrupted. {@code demo}: runs one order against
 * the running stack, or starts one for the demo and stops it afterwards.
 */
public final class LocalRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalRunner() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.root", ".")).toAbsolutePath().normalize();
        Path state = root.resolve(".cyberplaza");
        String command = args.length == 0 ? "up" : args[0];
        switch (command) {
            case "up" -> up(root, state);
            case "demo" -> System.exit(demo(root, state, args.length > 1 ? args[1] : "") ? 0 : 1);
            case "fuzz" -> System.exit(Fuzz.run(root, state.resolve("fuzz"), java.util.Arrays.asList(args).subList(1, args.length)));
            case "functions" -> FunctionsProcess.run(Path.of(args[1]));
            case "soak" -> System.exit(Soak.run(root, state.resolve("soak"), java.util.Arrays.asList(args).subList(1, args.length)));
            default -> {
                System.err.println("usage: LocalRunner up|demo [--group-buy|--dispute|--hpc|--rewards|--ve]|fuzz|soak [--orders N] [--concurrency C] [--faults LIST|all|none] [--seed S] [--mix all|short]|functions CONFIG");
                System.exit(2);
            }
        }
    }

    private static void up(Path root, Path state) throws Exception {
        LocalMarketplace stack = LocalMarketplace.start(root, state, LocalMarketplace.Options.runner().withHpc());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            try {
                Files.deleteIfExists(state.resolve("local.json"));
            } catch (java.io.IOException ignored) {
                // best effort: a stale file is detected by its dead API anyway
            }
            stopped.countDown();
        }, "cyberplaza-stop"));
        String line = JSON.writeValueAsString(stack.info());
        Files.writeString(state.resolve("local.json"), line + "\n");
        System.out.println(line);
        System.out.flush();
        stopped.await();
    }

    private static boolean demo(Path root, Path state, String flag) throws Exception {
        PrintStream out = System.out;
        if (!flag.matches("|--group-buy|--dispute|--hpc|--rewards|--ve")) {
            System.err.println("unknown demo " + flag + ": --group-buy, --dispute, --hpc, --rewards or --ve, or none for one order");
            return false;
        }
        Optional<LocalMarketplace.Info> running = runningStack(state);
        LocalMarketplace started = null;
        try {
            LocalMarketplace.Info info;
            if (running.isPresent()) {
                info = running.get();
                out.println("• using the running stack at " + info.api());
            } else {
                out.println("• starting the local stack for the demo");
                started = LocalMarketplace.start(root, state, LocalMarketplace.Options.runner().withHpc());
                info = started.info();
            }
            String summary = switch (flag) {
                case "--group-buy" -> Demo.groupBuy(info, out);
                case "--dispute" -> Demo.dispute(info, out);
                case "--hpc" -> Demo.hpc(info, out);
                case "--rewards" -> Demo.rewards(info, out);
                case "--ve" -> Demo.ve(info, out);
                default -> new Demo(info, out).run();
            };
            out.println(summary);
            return true;
        } catch (Exception e) {
            System.err.println("demo failed: " + e.getMessage());
            return false;
        } finally {
            if (started != null) started.close();
        }
    }

    private static Optional<LocalMarketplace.Info> runningStack(Path state) {
        Path file = state.resolve("local.json");
        if (!Files.exists(file)) return Optional.empty();
        try {
            LocalMarketplace.Info info = JSON.readValue(Files.readString(file), LocalMarketplace.Info.class);
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(info.api() + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 ? Optional.of(info) : Optional.empty();
        } catch (Exception staleOrDown) {
            return Optional.empty();
        }
    }
}
