package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.core.money.Billing;
import org.web3j.protocol.Web3j;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * HPC orders on the local HPC centre, over the public API and the chain only: a Slurm job of an
 * application, a parameter sweep (a job array), a workflow; each paid into the escrow, metered from
 * Slurm's accounting and settled on chain.
 */
public final class HpcWalkthrough {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FAUCET_AMOUNT = 20_000_000L;
    private static final Duration PATIENCE = Duration.ofMinutes(8);

    private final LocalMarketplace.Info info;
    private final Web3j web3j;
    private final PrintStream out;
    private final BuyerClient buyer;

    public HpcWalkthrough(LocalMarketplace.Info info, Web3j web3j, PrintStream out) throws Exception {
        this.info = info;
        this.web3j = web3j;
        this.out = out;
        this.buyer = new BuyerClient(info, web3j, FAUCET_AMOUNT);
        step("buyer " + buyer.address + " signed in with " + Billing.format(FAUCET_AMOUNT) + " USDC");
    }

    public BuyerClient buyer() {
        return buyer;
    }

    /** The demo: one job of an application, then a sweep of 100 tasks; the sweep's settlement as one JSON line. */
    public String demo() throws Exception {
        JsonNode job = settled(paid(quote(Map.of("units", 1, "seconds", 600, "template", "pi-monte-carlo",
                "parameters", Map.of("samples", "20000000", "seed", "1")))));
        step("job " + slurmJobId(job) + " settled: " + job.path("usage").path("meteredUnitSeconds").asText() + " core-seconds billed");
        JsonNode sweep = settled(paid(quote(Map.of("units", 1, "seconds", 120, "template", "pi-monte-carlo",
                "parameters", Map.of("samples", "10000000"), "sweep", Map.of("parameter", "seed", "from", 1, "to", 100)))));
        return summary(sweep);
    }

    /** Quotes the local HPC offer with these fields and places the order. */
    public JsonNode quote(Map<String, Object> request) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>(request);
        body.put("offerId", CatalogSeed.HPC_OFFER);
        BuyerClient.Reply quoted = buyer.call("POST", "/quotes", body);
        if (quoted.status() != 201) throw new IllegalStateException("quote refused: " + quoted.status() + " " + quoted.text());
        JsonNode quote = quoted.body();
        step("quote " + quote.path("quoteId").asText() + ": " + quote.path("tasks").asInt() + " task(s) of " + quote.path("units").asInt()
                + " core(s) for at most " + quote.path("seconds").asLong() + " s each, escrow " + usdc(quote.path("escrowAmount")) + " USDC");
        BuyerClient.Reply order = buyer.call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText()));
        if (order.status() != 201) throw new IllegalStateException("order refused: " + order.status() + " " + order.text());
        return order.body();
    }

    public JsonNode paid(JsonNode order) throws Exception {
        buyer.payWithPermit(order);
        String orderId = order.path("orderId").asText();
        step("order " + orderId + " paid with a permit");
        return await(orderId, o -> o.path("resourceId").isTextual(), "to be submitted to Slurm");
    }

    public JsonNode settled(JsonNode order) throws Exception {
        String orderId = order.path("orderId").asText();
        step("Slurm job(s) " + order.path("resourceId").asText().replaceFirst(".*/", ""));
        JsonNode settled = await(orderId, o -> o.path("state").asText().equals("SETTLED"), "to settle");
        JsonNode split = settled.path("settlement");
        String tx = buyer.settlementTransaction(orderId).orElseThrow(() -> new IllegalStateException("no Settled event for " + orderId));
        long onChain = buyer.escrow().orderOf(buyer.address, OrderIds.toBytes32(orderId)).send().amount.longValueExact();
        if (onChain != split.path("providerPayout").asLong()) throw new IllegalStateException("the payout on chain differs from the API's");
        step("settled on chain in " + tx + " (" + settled.path("usage").path("endReason").asText() + "): provider "
                + usdc(split.path("providerPayout")) + ", fee " + usdc(split.path("fee")) + ", refund " + usdc(split.path("refund")) + " USDC");
        return settled;
    }

    public JsonNode await(String orderId, Predicate<JsonNode> done, String what) throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            JsonNode order = buyer.get(orderId);
            String state = order.path("state").asText();
            if (!state.equals(last)) {
                step("state " + state);
                last = state;
            }
            if (done.test(order)) return order;
            // A buyer's budget is 100 requests a minute: a job of minutes is asked after every other second.
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("order " + orderId + " did not come " + what + " within " + PATIENCE + "; it is " + last);
    }

    public static String summary(JsonNode settled) throws Exception {
        JsonNode split = settled.path("settlement");
        ObjectNode summary = JSON.createObjectNode();
        summary.put("orderId", settled.path("orderId").asText());
        summary.put("state", settled.path("state").asText());
        summary.put("slurmJobId", slurmJobId(settled));
        summary.put("tasks", settled.path("tasks").asInt());
        summary.put("coreSeconds", settled.path("usage").path("meteredUnitSeconds").asLong());
        summary.put("deposit", split.path("deposit").asText());
        summary.put("providerPayout", split.path("providerPayout").asText());
        summary.put("fee", split.path("fee").asText());
        summary.put("refund", split.path("refund").asText());
        return JSON.writeValueAsString(summary);
    }

    /** The first Slurm job of the order (an array's id, a workflow's first step). */
    public static long slurmJobId(JsonNode order) {
        List<String> ids = List.of(order.path("resourceId").asText().replaceFirst(".*/", "").split(","));
        return Long.parseLong(ids.getFirst());
    }

    private static String usdc(JsonNode microUsdc) {
        return Billing.format(Long.parseLong(microUsdc.asText()));
    }

    private void step(String text) {
        out.println("• " + text);
        out.flush();
    }
}
