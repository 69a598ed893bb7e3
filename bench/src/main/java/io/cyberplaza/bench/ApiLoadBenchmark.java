package io.cyberplaza.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.local.BuyerClient;
import io.cyberplaza.local.LocalMarketplace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Load on the local runner's HTTP API with wrk (Debian's package): 32 connections for 30 s on
 * {@code GET /offers} (public) and {@code POST /quotes} (signed in, writes a quote to DynamoDB
 * Local), each after a 5 s warm-up. Prints p50/p95/p99 latency and throughput. The rate limiter
 * still counts every request (its table write is part of the cost) but its limit is lifted.
 */
public final class ApiLoadBenchmark {
    private static final int CONNECTIONS = 32;
    private static final String DURATION = "30s";
    private static final String WARM_UP = "5s";

    /** wrk's own percentiles end at 99 and skip 95: the script reports the ones wanted, as JSON. */
    private static final String REPORT = """
            done = function(summary, latency, requests)
              io.write(string.format('{"requests":%d,"seconds":%.3f,"errors":%d,"non2xx":%d,"p50":%.3f,"p95":%.3f,"p99":%.3f}\\n',
                summary.requests, summary.duration / 1e6,
                summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
                summary.errors.status,
                latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
            end
            """;

    private ApiLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.root", ".")).toAbsolutePath();
        Path state = Files.createTempDirectory("cyberplaza-load");
        try (LocalMarketplace stack = LocalMarketplace.start(root, state, LocalMarketplace.Options.unthrottled())) {
            BuyerClient buyer = new BuyerClient(stack.info(), stack.node().web3j(), 1_000_000L);
            Path offers = script(state, "offers.lua", "");
            Path quotes = script(state, "quotes.lua", """
                    wrk.method = "POST"
                    wrk.headers["Content-Type"] = "application/json"
                    wrk.headers["Authorization"] = "Bearer %s"
                    wrk.body = '{"offerId":"local-cpu","units":1,"seconds":3600,"template":"prime-sieve","parameters":{"limit":"100000"}}'
                    """.formatted(buyer.token()));
            JsonNode getOffers = load(stack.info().api() + "/offers", offers);
            JsonNode postQuotes = load(stack.info().api() + "/quotes", quotes);
            System.out.println();
            System.out.println("HTTP API under load (" + CONNECTIONS + " connections, " + DURATION + ", local runner, ms)");
            print("GET /offers", getOffers);
            print("POST /quotes", postQuotes);
            System.out.printf("{\"benchmark\":\"api-load\",\"connections\":%d,\"getOffers\":%s,\"postQuotes\":%s}%n",
                    CONNECTIONS, getOffers, postQuotes);
        }
    }

    private static Path script(Path dir, String name, String setup) throws IOException {
        return Files.writeString(dir.resolve(name), setup + REPORT);
    }

    private static JsonNode load(String url, Path script) throws Exception {
        run(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + WARM_UP, "-s", script.toString(), url));
        String output = run(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + DURATION, "--timeout", "10s", "-s", script.toString(), url));
        String json = output.lines().filter(line -> line.startsWith("{")).reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException("wrk printed no report:\n" + output));
        return new ObjectMapper().readTree(json);
    }

    private static String run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is needed for this benchmark (apt-get install wrk)", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) throw new IllegalStateException("wrk failed:\n" + output);
        return output;
    }

    private static void print(String what, JsonNode r) {
        double perSecond = r.path("requests").asLong() / r.path("seconds").asDouble();
        System.out.printf("  %-14s p50 %6.2f  p95 %6.2f  p99 %6.2f   %8.0f req/s   errors %d, non-2xx %d%n", what,
                r.path("p50").asDouble(), r.path("p95").asDouble(), r.path("p99").asDouble(), perSecond,
                r.path("errors").asLong(), r.path("non2xx").asLong());
    }
}
