package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import org.web3j.protocol.Web3j;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A dispute end to end over the public interfaces: a buyer's order settles, the buyer disputes the
 * held payout, the provider answers, an operator gives the provider 70 %, and the chain's split is
 * checked against the API's.
 */
public final class DisputeWalkthrough {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long USDC = 1_000_000L;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    /** ComputeEscrow.Status.Resolved: the provider's share waits for its withdrawal. */
    private static final int RESOLVED = 5;

    private final LocalMarketplace.Info info;
    private final Web3j web3j;
    private final PrintStream out;

    public DisputeWalkthrough(LocalMarketplace.Info info, Web3j web3j, PrintStream out) {
        this.info = info;
        this.web3j = web3j;
        this.out = out;
    }

    /** A settled order of a new buyer's, with a payout held for the dispute window. */
    public record Settled(BuyerClient buyer, String orderId, JsonNode order) {
    }

    public Settled settledOrder() throws Exception {
        BuyerClient buyer = new BuyerClient(info, web3j, 20 * USDC);
        step("buyer " + buyer.address + " signed in with 20 USDC");
        JsonNode order = buyer.order(120, "hold", Map.of("seconds", "600"));
        String orderId = order.path("orderId").asText();
        buyer.payWithPermit(order);
        step("order " + orderId + " paid with a permit");
        await(buyer, "/orders/" + orderId, o -> o.path("state").asText().equals("RUNNING"));
        Thread.sleep(3_000);
        buyer.call("POST", "/orders/" + orderId + "/complete", null);
        JsonNode settled = await(buyer, "/orders/" + orderId, o -> o.path("state").asText().equals("SETTLED"));
        step("settled: provider payout " + settled.path("settlement").path("providerPayout").asText() + " micro-USDC held until "
                + settled.path("settlement").path("releaseAt").asText());
        return new Settled(buyer, orderId, settled);
    }

    /** The owner disputes, the provider answers, an operator gives the provider {@code providerShareBps}; returns the summary. */
    public ObjectNode disputeAndResolve(Settled settled, int providerShareBps) throws Exception {
        BuyerClient buyer = settled.buyer();
        String orderId = settled.orderId();
        JsonNode opened = expect(buyer.call("POST", "/orders/" + orderId + "/disputes",
                Map.of("reason", "the job stopped half-way through", "evidence", "https://example.com/logs/" + orderId)), 201);
        String disputeId = opened.path("disputeId").asText();
        step("dispute " + disputeId + " " + opened.path("state").asText());
        JsonNode open = await(buyer, "/disputes/" + disputeId, d -> d.path("state").asText().equals("OPEN"));
        step("payout of " + open.path("heldPayout").asText() + " micro-USDC frozen on chain; order "
                + buyer.get(orderId).path("state").asText());

        BuyerClient provider = new BuyerClient(info, web3j, DevAccounts.LOCAL_PROVIDER, USDC);
        expect(provider.call("POST", "/disputes/" + disputeId + "/responses", Map.of("text", "it ran until the buyer stopped it")), 200);
        step("the provider answered");

        BuyerClient operator = new BuyerClient(info, web3j, DevAccounts.ADMIN, USDC);
        JsonNode asked = expect(operator.call("POST", "/operator/disputes/" + disputeId + "/resolution",
                Map.of("providerShareBps", providerShareBps)), 200);
        step("an operator gave the provider " + providerShareBps / 100 + " %: " + asked.path("state").asText());
        JsonNode resolved = await(buyer, "/disputes/" + disputeId, d -> d.path("state").asText().equals("RESOLVED"));
        step("resolved on chain in " + resolved.path("resolutionTx").asText() + "; order " + buyer.get(orderId).path("state").asText());

        verifyOnChain(buyer, orderId, resolved);
        ObjectNode summary = JSON.createObjectNode();
        summary.put("orderId", orderId);
        summary.put("disputeId", disputeId);
        summary.put("state", resolved.path("state").asText());
        summary.put("heldPayout", resolved.path("heldPayout").asText());
        summary.put("toProvider", resolved.path("toProvider").asText());
        summary.put("toOwner", resolved.path("toOwner").asText());
        summary.put("resolutionTx", resolved.path("resolutionTx").asText());
        return summary;
    }

    /** The escrow keeps the provider's share in the order's slot and has added the owner's to its refunds. */
    private void verifyOnChain(BuyerClient buyer, String orderId, JsonNode resolved) throws Exception {
        long held = resolved.path("heldPayout").asLong();
        long toProvider = resolved.path("toProvider").asLong();
        long toOwner = resolved.path("toOwner").asLong();
        if (held != toProvider + toOwner) throw new IllegalStateException("the split does not add up to the held payout");
        ComputeEscrow escrow = buyer.escrow();
        ComputeEscrow.Order onChain = escrow.orderOf(buyer.address, OrderIds.toBytes32(orderId)).send();
        if (toProvider > 0 && (onChain.status.intValueExact() != RESOLVED || onChain.amount.longValueExact() != toProvider)) {
            throw new IllegalStateException("the escrow holds " + onChain.amount + " for the provider, not " + toProvider);
        }
        long refund = escrow.refundOf(buyer.address).send().longValueExact();
        long settledRefund = buyer.get(orderId).path("settlement").path("refund").asLong();
        if (refund != settledRefund + toOwner) {
            throw new IllegalStateException("the owner's refund is " + refund + ", not " + settledRefund + " + " + toOwner);
        }
        step("on chain: " + toProvider + " kept for the provider, " + toOwner + " added to the owner's refund (base units)");
    }

    static JsonNode expect(BuyerClient.Reply reply, int status) {
        if (reply.status() != status) throw new IllegalStateException("expected " + status + " but got " + reply.status() + ": " + reply.text());
        return reply.body();
    }

    /** GETs {@code path} until it answers 200 with what {@code done} waits for, for at most a step's timeout. */
    static JsonNode await(BuyerClient client, String path, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            BuyerClient.Reply reply = client.call("GET", path, null);
            last = reply.body();
            if (reply.status() == 200 && done.test(last)) return last;
            Thread.sleep(250);
        }
        throw new IllegalStateException(path + " did not get there within " + STEP_TIMEOUT + "; last seen " + last);
    }

    private void step(String text) {
        out.println("• " + text);
        out.flush();
    }
}
