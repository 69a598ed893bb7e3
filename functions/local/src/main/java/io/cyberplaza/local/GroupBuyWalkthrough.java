package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.chain.OrderIds;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.protocol.Web3j;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A group buy end to end over the public interfaces: an operator opens a campaign of $100 credit
 * coupons ($90 alone, $80 from 3 units, $70 from 5), three buyers pledge 2, 2 and 1 units and
 * deposit at the tier each reached, the campaign closes at its deadline at $70, the operator uploads
 * the vendor's codes, and every pledge is settled at $70 with the difference refunded. The figures
 * are checked against the chain before the report is returned.
 */
public final class GroupBuyWalkthrough {
    static final long USDC = 1_000_000L;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);

    private final LocalMarketplace.Info info;
    private final Web3j web3j;
    private final PrintStream out;

    public GroupBuyWalkthrough(LocalMarketplace.Info info, Web3j web3j, PrintStream out) {
        this.info = info;
        this.web3j = web3j;
        this.out = out;
    }

    /** What a walkthrough left behind, for the caller to check further. */
    record Outcome(String campaignId, JsonNode report, Map<BuyerClient, JsonNode> pledges, String payee, Set<String> codes) {
    }

    public BuyerClient operator() throws Exception {
        return new BuyerClient(info, web3j, DevAccounts.ADMIN, USDC);
    }

    /** Opens a campaign of $100 credit coupons closing {@code open} from now: $90, $80 from 3 units, $70 from 5; the vendor charges $60. */
    public JsonNode open(BuyerClient operator, String payee, long minQuantity, long maxQuantity, long perUserLimit, Duration open) throws Exception {
        Map<String, Object> body = campaign("$100 GPU credit", "COUPON_BUNDLE", "gpu-cloud", "$100 credit", payee, open);
        body.put("tiers", List.of(Map.of("fromQuantity", 1, "unitPrice", Long.toString(90 * USDC)),
                Map.of("fromQuantity", 3, "unitPrice", Long.toString(80 * USDC)), Map.of("fromQuantity", 5, "unitPrice", Long.toString(70 * USDC))));
        body.put("minQuantity", minQuantity);
        body.put("maxQuantity", maxQuantity);
        body.put("perUserLimit", perUserLimit);
        body.put("vendorUnitCost", Long.toString(60 * USDC));
        body.put("faceAmount", Long.toString(100 * USDC));
        body.put("faceUnit", "USDC");
        return expect(operator.call("POST", "/operator/campaigns", body), 201);
    }

    /**
     * Opens a campaign of the provider's capacity closing {@code open} from now: resource coupons of
     * one core-hour each at $9, which pay for orders of that provider's offers; the provider charges $8.
     */
    public JsonNode openCoreHours(BuyerClient operator, String provider, Duration open) throws Exception {
        Map<String, Object> body = campaign("A core-hour of local CPU", "VENDOR_RESOURCE", "local-sp", "core-hour", provider, open);
        body.put("tiers", List.of(Map.of("fromQuantity", 1, "unitPrice", Long.toString(9 * USDC))));
        body.put("minQuantity", 1);
        body.put("maxQuantity", 10);
        body.put("perUserLimit", 2);
        body.put("vendorUnitCost", Long.toString(8 * USDC));
        body.put("faceAmount", "1");
        body.put("faceUnit", "core-hour");
        return expect(operator.call("POST", "/operator/campaigns", body), 201);
    }

    private static Map<String, Object> campaign(String title, String kind, String vendor, String unit, String payee, Duration open) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("kind", kind);
        body.put("vendor", vendor);
        body.put("unit", unit);
        body.put("deadline", Instant.now().plus(open).toString());
        body.put("couponSource", "UPLOAD");
        body.put("payee", payee);
        return body;
    }

    /** Uploads one code a line, valid for a year, as the operator's CSV. */
    public JsonNode upload(BuyerClient operator, String campaignId, List<String> codes) throws Exception {
        StringBuilder csv = new StringBuilder("code,expires_at\n");
        String expiry = Instant.now().plus(Duration.ofDays(365)).toString();
        for (String code : codes) csv.append(code).append(',').append(expiry).append('\n');
        return expect(operator.post("/operator/campaigns/" + campaignId + "/coupons", "text/csv", csv.toString()), 200);
    }

    public JsonNode pledge(BuyerClient buyer, String campaignId, long quantity) throws Exception {
        return expect(buyer.call("POST", "/campaigns/" + campaignId + "/pledges", Map.of("quantity", quantity)), 201);
    }

    public JsonNode awaitCampaign(BuyerClient reader, String campaignId, String status) throws Exception {
        return eventually(() -> {
            JsonNode campaign = expect(reader.call("GET", "/campaigns/" + campaignId, null), 200);
            return campaign.path("status").asText().equals(status) ? campaign : null;
        }, "campaign " + campaignId + " to be " + status);
    }

    public JsonNode awaitPledge(BuyerClient buyer, String pledgeId, String status) throws Exception {
        return eventually(() -> {
            for (JsonNode pledge : expect(buyer.call("GET", "/pledges", null), 200)) {
                if (pledge.path("pledgeId").asText().equals(pledgeId) && pledge.path("status").asText().equals(status)) return pledge;
            }
            return null;
        }, "pledge " + pledgeId + " to be " + status);
    }

    Outcome succeedAtALowerTier() throws Exception {
        BuyerClient operator = operator();
        String payee = Credentials.create(Keys.createEcKeyPair()).getAddress().toLowerCase();
        JsonNode campaign = open(operator, payee, 3, 10, 3, Duration.ofSeconds(40));
        String campaignId = campaign.path("campaignId").asText();
        step("operator opened " + campaignId + ": $100 credit at $90, $80 from 3 units, $70 from 5; 3 to 10 units, the vendor's payee " + payee);

        Map<BuyerClient, JsonNode> pledges = new LinkedHashMap<>();
        for (long quantity : new long[]{2, 2, 1}) {
            BuyerClient buyer = new BuyerClient(info, web3j, 300 * USDC);
            JsonNode pledge = pledge(buyer, campaignId, quantity);
            buyer.pay(pledge.path("pledgeId").asText(), pledge.path("deposit").asLong());
            // Only funded pledges count towards the tiers: the next buyer's price follows this deposit once confirmed.
            awaitPledge(buyer, pledge.path("pledgeId").asText(), "FUNDED");
            pledges.put(buyer, pledge);
            step("buyer " + buyer.address + " pledged " + quantity + " at $" + pledge.path("unitPrice").asLong() / USDC + " and deposited $"
                    + pledge.path("deposit").asLong() / USDC);
        }
        JsonNode closed = awaitCampaign(operator, campaignId, "SUCCEEDED");
        step("closed at its deadline: SUCCEEDED at $" + closed.path("finalUnitPrice").asLong() / USDC + " a unit");

        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) codes.add("GPU-" + UUID.randomUUID().toString().substring(0, 18).toUpperCase());
        List<String> lines = new ArrayList<>(codes);
        lines.add(codes.getFirst()); // a repeated line: taken once
        JsonNode receipt = upload(operator, campaignId, lines);
        step("operator uploaded the vendor's codes: " + receipt.path("added").asInt() + " taken, " + receipt.path("duplicates").asInt()
                + " duplicate");

        awaitCampaign(operator, campaignId, "SETTLED");
        Set<String> held = new HashSet<>();
        for (Map.Entry<BuyerClient, JsonNode> entry : pledges.entrySet()) {
            BuyerClient buyer = entry.getKey();
            long refund = buyer.escrow().refundOf(buyer.address).send().longValueExact();
            JsonNode coupons = expect(buyer.call("GET", "/coupons", null), 200);
            for (JsonNode coupon : coupons) {
                held.add(expect(buyer.call("GET", "/coupons/" + coupon.path("couponId").asText() + "/code", null), 200).path("code").asText());
            }
            step("buyer " + buyer.address + " holds " + coupons.size() + " coupons; refunded $" + refund / USDC + " on chain");
        }
        if (!held.equals(new HashSet<>(codes))) throw new IllegalStateException("the buyers do not hold the uploaded codes once each");
        JsonNode report = expect(operator.call("GET", "/operator/campaigns/" + campaignId + "/report", null), 200);
        checkChain(report, pledges, payee);
        step("the chain matches the report: payouts to the vendor, refunds to the buyers, nothing left in the escrow");
        return new Outcome(campaignId, report, pledges, payee, held);
    }

    /** Every pledge's escrow is empty; the payee's payouts and the buyers' refunds add up to the report. */
    void checkChain(JsonNode report, Map<BuyerClient, JsonNode> pledges, String payee) throws Exception {
        long payouts = 0, refunds = 0;
        for (Map.Entry<BuyerClient, JsonNode> entry : pledges.entrySet()) {
            byte[] id = OrderIds.toBytes32(entry.getValue().path("pledgeId").asText());
            var escrow = entry.getKey().escrow();
            // Settled: the pledge's one slot holds the payee's payout, nothing of the buyer's.
            var payout = escrow.orderOf(entry.getKey().address, id).send();
            if (payout.amount.signum() > 0 && !payout.provider.equalsIgnoreCase(payee)) throw new IllegalStateException("paid to someone else");
            payouts += payout.amount.longValueExact();
            refunds += escrow.refundOf(entry.getKey().address).send().longValueExact();
        }
        if (payouts != report.path("vendorCost").asLong() || refunds != report.path("refunded").asLong()) {
            throw new IllegalStateException("the chain holds payouts " + payouts + " and refunds " + refunds + ", the report " + report);
        }
    }

    public static JsonNode expect(BuyerClient.Reply reply, int status) {
        if (reply.status() != status) throw new IllegalStateException("answered " + reply.status() + ": " + reply.text());
        return reply.body();
    }

    private void step(String line) {
        out.println("• " + line);
    }

    static <T> T eventually(Callable<T> probe, String what) throws Exception {
        Instant deadline = Instant.now().plus(STEP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.call();
            if (value != null) return value;
            Thread.sleep(2_000); // well inside the per-identity rate limit
        }
        throw new IllegalStateException("timed out waiting for " + what);
    }
}
