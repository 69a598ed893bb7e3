package io.cyberplaza.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.local.BuyerClient;
import io.cyberplaza.local.LocalMarketplace;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Timings of the local stack as the runner drives it (1 s escrow watcher, 2 confirmations, blocks
 * every second, SQS long polling):
 * <ul>
 *   <li>JVM start to first response of the API handler and of the escrow watcher handler (fresh JVMs);</li>
 *   <li>deposit confirmed (its block has its confirmations) to provision call (the resource's start);</li>
 *   <li>the buyer's completion answered to settlement receipt (the Settled event's transaction mined).</li>
 * </ul>
 */
public final class LatencyBenchmark {
    private static final int COLD_STARTS = 3;
    private static final int ORDERS = 3;
    private static final int CONFIRMATIONS = 2;

    private LatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.root", ".")).toAbsolutePath();
        Path state = Files.createTempDirectory("cyberplaza-bench");
        try (LocalMarketplace stack = LocalMarketplace.start(root, state)) {
            List<Long> api = coldStarts(stack, root, "api");
            List<Long> watcher = coldStarts(stack, root, "watcher");
            Web3j web3j = Web3j.build(new HttpService(stack.info().rpc()));
            List<Long> toProvision = new ArrayList<>();
            List<Long> toReceipt = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                long[] pair = oneOrder(stack, web3j);
                toProvision.add(pair[0]);
                toReceipt.add(pair[1]);
            }
            web3j.shutdown();
            System.out.println();
            System.out.println("Local stack latencies (ms; median of " + ORDERS + " orders, " + COLD_STARTS + " cold starts)");
            FreshJvm.print("API handler: JVM start to first response", api);
            FreshJvm.print("escrow watcher: JVM start to first response", watcher);
            FreshJvm.print("deposit confirmed to provision call", toProvision);
            FreshJvm.print("completion to settlement receipt", toReceipt);
            System.out.printf("{\"benchmark\":\"local-latency\",\"apiColdStartMs\":%d,\"watcherColdStartMs\":%d,"
                            + "\"depositConfirmedToProvisionMs\":%d,\"completionToSettlementReceiptMs\":%d}%n",
                    FreshJvm.median(api), FreshJvm.median(watcher), FreshJvm.median(toProvision), FreshJvm.median(toReceipt));
        }
    }

    private static List<Long> coldStarts(LocalMarketplace stack, Path root, String which) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < COLD_STARTS; i++) {
            List<String> command = new ArrayList<>(List.of(FreshJvm.java()));
            for (Map.Entry<String, Object> property : stack.configuration().entrySet()) {
                Object value = property.getValue();
                String text = value instanceof List<?> list ? String.join(",", list.stream().map(Object::toString).toList())
                        : value.toString();
                // The handler in the child serves no HTTP port of its own.
                if (!property.getKey().startsWith("micronaut.server")) command.add("-D" + property.getKey() + "=" + text);
            }
            command.addAll(List.of("-Dcyberplaza.root=" + root, "-cp", System.getProperty("java.class.path"),
                    ColdStart.class.getName(), which));
            times.add(FreshJvm.millis(command, root.resolve("bench/target/coldstart-" + which + ".log"), which));
        }
        return times;
    }

    private static long[] oneOrder(LocalMarketplace stack, Web3j web3j) throws Exception {
        BuyerClient buyer = new BuyerClient(stack.info(), web3j, 50_000_000L);
        // A workload that outlives the measurement, so the buyer's completion is what ends it.
        JsonNode order = buyer.order(600, "hold", Map.of("seconds", "300"));
        String orderId = order.path("orderId").asText();
        TransactionReceipt deposit = buyer.payWithPermit(order);
        long confirmedBlock = deposit.getBlockNumber().longValueExact() + CONFIRMATIONS;
        long confirmedAt = waitFor(() -> web3j.ethBlockNumber().send().getBlockNumber().longValueExact() >= confirmedBlock);
        JsonNode running = poll(buyer, orderId, o -> !o.path("usage").path("startedAt").isMissingNode()
                && !o.path("usage").path("startedAt").isNull());
        long provisionedAt = Instant.parse(running.path("usage").path("startedAt").asText()).toEpochMilli();

        buyer.call("POST", "/orders/" + orderId + "/complete", null);
        long completedAt = System.currentTimeMillis();
        long receiptAt = waitFor(() -> buyer.settlementTransaction(orderId).isPresent());
        return new long[]{Math.max(0, provisionedAt - confirmedAt), receiptAt - completedAt};
    }

    private interface Probe {
        boolean done() throws Exception;
    }

    /** Polls every 10 ms; returns the wall-clock millisecond the probe first held. */
    private static long waitFor(Probe probe) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        while (System.currentTimeMillis() < deadline) {
            if (probe.done()) return System.currentTimeMillis();
            Thread.sleep(10);
        }
        throw new IllegalStateException("timed out");
    }

    private static JsonNode poll(BuyerClient buyer, String orderId, Predicate<JsonNode> done) throws Exception {
        JsonNode[] last = new JsonNode[1];
        waitFor(() -> done.test(last[0] = buyer.get(orderId)));
        return last[0];
    }
}
