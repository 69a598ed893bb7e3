package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One order end to end, as a buyer's client would do it over the public interfaces only: faucet,
 * Sign-In with Ethereum, quote, order, permit signed from the API's typed data, deposit, run,
 * completion, settlement, refund withdrawal; then the figures are checked against the chain.
 */
public final class Demo {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long FAUCET_AMOUNT = 100_000_000L; // 100 USDC
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    private final LocalMarketplace.Info info;
    private final PrintStream out;
    private final Web3j web3j;

    Demo(LocalMarketplace.Info info, PrintStream out) {
        this.info = info;
        this.out = out;
        this.web3j = Web3j.build(new HttpService(info.rpc()));
    }

    /** The group-buy walkthrough; returns the campaign report as one JSON line. */
    static String groupBuy(LocalMarketplace.Info info, PrintStream out) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(info.rpc()));
        try {
            return JSON.writeValueAsString(new GroupBuyWalkthrough(info, web3j, out).succeedAtALowerTier().report());
        } finally {
            web3j.shutdown();
        }
    }

    /** The HPC walkthrough: a Slurm job and a 100-task parameter sweep on the local HPC centre, metered and settled. */
    static String hpc(LocalMarketplace.Info info, PrintStream out) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(info.rpc()));
        try {
            return new HpcWalkthrough(info, web3j, out).demo();
        } finally {
            web3j.shutdown();
        }
    }

    /** The dispute walkthrough: the owner disputes, the provider answers, an operator gives the provider 70 %. */
    static String dispute(LocalMarketplace.Info info, PrintStream out) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(info.rpc()));
        try {
            DisputeWalkthrough walkthrough = new DisputeWalkthrough(info, web3j, out);
            return JSON.writeValueAsString(walkthrough.disputeAndResolve(walkthrough.settledOrder(), 7_000));
        } finally {
            web3j.shutdown();
        }
    }

    /** The rewards walkthrough: a buyer's orders settle, the epoch is published, the buyer and the provider claim their CPT. */
    static String rewards(LocalMarketplace.Info info, PrintStream out) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(info.rpc()));
        try {
            return JSON.writeValueAsString(new RewardsWalkthrough(info, web3j, out).demo());
        } finally {
            web3j.shutdown();
        }
    }

    /** The veCPT walkthrough: a holder locks CPT, is charged a discounted fee, and claims a USDC share of the week's fees. */
    static String ve(LocalMarketplace.Info info, PrintStream out) throws Exception {
        Web3j web3j = Web3j.build(new HttpService(info.rpc()));
        try {
            return JSON.writeValueAsString(new VeWalkthrough(info, web3j, out).demo());
        } finally {
            web3j.shutdown();
        }
    }

    /** Runs the demo; returns the final summary line. */
    String run() throws Exception {
        try {
            return order();
        } finally {
            web3j.shutdown();
        }
    }

    private String order() throws Exception {
        BuyerClient buyer = new BuyerClient(info, web3j, FAUCET_AMOUNT);
        step("new wallet " + buyer.address + ", funded by the faucet with 100 USDC and gas, signed in with Ethereum");

        JsonNode quote = buyer.quote("local-cpu", 300, "prime-sieve", Map.of("limit", "2000000", "rounds", "400"));
        step("quote " + quote.path("quoteId").asText() + ": escrow " + usdc(quote.path("escrowAmount").asText()) + " USDC");
        JsonNode order = buyer.call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText())).body();
        String orderId = order.path("orderId").asText();
        step("order " + orderId);

        String depositTx = buyer.payWithPermit(order).getTransactionHash();
        step("deposited " + usdc(order.path("escrow").path("amount").asText()) + " USDC with a permit in " + depositTx);

        JsonNode running = await(buyer, orderId, o -> !o.path("state").asText().matches("QUOTED|FUNDED|PROVISIONING"));
        step("running since " + running.path("usage").path("startedAt").asText());
        String result = awaitResult(buyer, orderId);
        step("result: " + result.strip().replace('\n', ' '));
        buyer.call("POST", "/orders/" + orderId + "/complete", null);
        step("completed");

        JsonNode settled = await(buyer, orderId, o -> o.path("state").asText().equals("SETTLED"));
        JsonNode split = settled.path("settlement");
        step("settled: provider " + usdc(split.path("providerPayout").asText()) + ", fee " + usdc(split.path("fee").asText())
                + ", refund " + usdc(split.path("refund").asText()) + " USDC");

        String settlementTx = buyer.settlementTransaction(orderId)
                .orElseThrow(() -> new IllegalStateException("no Settled event for " + orderId));
        verifyOnChain(buyer, orderId, split);
        BigInteger before = buyer.usdc().balanceOf(buyer.address).send();
        buyer.escrow().withdrawRefund().send();
        BigInteger refunded = buyer.usdc().balanceOf(buyer.address).send().subtract(before);
        if (!refunded.equals(new BigInteger(split.path("refund").asText()))) {
            throw new IllegalStateException("withdrew " + refunded + " but the refund is " + split.path("refund").asText());
        }
        step("refund withdrawn to the wallet");

        ObjectNode summary = JSON.createObjectNode();
        summary.put("orderId", orderId);
        summary.put("state", settled.path("state").asText());
        summary.put("deposit", split.path("deposit").asText());
        summary.put("providerPayout", split.path("providerPayout").asText());
        summary.put("fee", split.path("fee").asText());
        summary.put("refund", split.path("refund").asText());
        summary.put("settlementTx", settlementTx);
        return JSON.writeValueAsString(summary);
    }

    /** The escrow's own books must show exactly the split the API reports. */
    private void verifyOnChain(BuyerClient buyer, String orderId, JsonNode split) throws Exception {
        ComputeEscrow view = buyer.escrow();
        byte[] id = OrderIds.toBytes32(orderId);
        long deposit = split.path("deposit").asLong();
        long provider = split.path("providerPayout").asLong();
        long fee = split.path("fee").asLong();
        long refund = split.path("refund").asLong();
        if (deposit != provider + fee + refund) throw new IllegalStateException("the split does not add up");
        // After settlement the order's one slot holds the provider's payout, not the buyer's money.
        if (view.orderOf(buyer.address, id).send().amount.longValueExact() != provider) throw new IllegalStateException("payout differs on chain");
        if (view.refundOf(buyer.address).send().longValueExact() != refund) throw new IllegalStateException("refund differs on chain");
        step("on chain: order balance 0, payout " + provider + ", refund " + refund + " (base units) as reported");
    }

    private JsonNode await(BuyerClient buyer, String orderId, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            JsonNode order = buyer.get(orderId);
            String state = order.path("state").asText();
            if (!state.equals(last)) {
                step("state " + state);
                last = state;
            }
            if (done.test(order)) return order;
            Thread.sleep(250);
        }
        throw new IllegalStateException("order " + orderId + " stayed " + last + " for " + STEP_TIMEOUT);
    }

    private String awaitResult(BuyerClient buyer, String orderId) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            BuyerClient.Reply reply = buyer.call("GET", "/orders/" + orderId + "/result", null);
            if (reply.status() == 200) return reply.text();
            Thread.sleep(250);
        }
        throw new IllegalStateException("no result for " + orderId + " within " + STEP_TIMEOUT);
    }

    private static String usdc(String microUsdc) {
        return io.cyberplaza.core.money.Billing.format(Long.parseLong(microUsdc));
    }

    private void step(String text) {
        out.println("• " + text);
        out.flush();
    }
}
