package io.cyberplaza.multicloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.local.BuyerClient;
import io.cyberplaza.local.GroupBuyWalkthrough;
import io.cyberplaza.runtime.job.Rewarding;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import io.cyberplaza.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One order's whole life through a cloud's own handlers, on the local chain: quote and order over
 * the cloud's HTTP entry point, a permit deposit, the escrow watcher's schedule, the provision queue,
 * the meter's schedule ending the order when its purchased minute is used, the settle queue, and the
 * settlement read back from the escrow. Every cloud must end with the same figures.
 */
abstract class OrderLifecycleContract {
    private static final long USDC = 1_000_000;
    /** {@code ComputeEscrow.Status.Held}: settled, the payout waiting out its dispute window. */
    private static final int HELD = 2;
    private static final long PURCHASED_SECONDS = 60;
    /**
     * The catalog's local-cpu offer: 10 USDC an hour, one unit, for the purchased minute at a 4 % fee;
     * the escrow is the estimate plus 20 %. The same on every cloud, because only the core computes them.
     */
    static final long DEPOSIT = 199_999;
    static final long PROVIDER_PAYOUT = 160_000;
    static final long FEE = 6_666;
    static final long REFUND = 33_333;

    protected abstract Cloud cloud();

    static Path stateDir(String cloud) throws Exception {
        Path dir = Path.of("target", "lifecycle-" + cloud).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }

    static Path repoRoot() {
        return RepositoryRoot.find();
    }

    @Test
    void aPaidOrderRunsItsPurchasedTimeAndSettlesToTheSameFiguresOnEveryCloud() throws Exception {
        Cloud cloud = cloud();
        BuyerClient buyer = new BuyerClient(cloud.info(), cloud.chain().node().web3j(), 50 * USDC);
        JsonNode order = buyer.order(PURCHASED_SECONDS, "hold", Map.of("seconds", "600"));
        String orderId = order.path("orderId").asText();
        buyer.payWithPermit(order);
        cloud.chain().confirm();
        cloud.watch();
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("FUNDED");

        assertThat(cloud.deliver(WorkQueue.Topic.PROVISION)).isEqualTo(1);
        assertThat(buyer.get(orderId).path("state").asText()).isEqualTo("RUNNING");

        // The meter's schedule ends the order once its purchased minute is used, and queues its settlement.
        eventually(() -> {
            cloud.meter();
            return buyer.get(orderId).path("state").asText().equals("RUNNING") ? null : true;
        }, "the purchased time to run out", 150);
        assertThat(buyer.get(orderId).path("usage").path("endReason").asText()).isEqualTo("TIME_UP");
        assertThat(cloud.deliver(WorkQueue.Topic.SETTLE)).isPositive();
        JsonNode settled = eventually(() -> {
            cloud.chain().confirm();
            cloud.watch();
            JsonNode now = buyer.get(orderId);
            return now.path("state").asText().equals("SETTLED") ? now : null;
        }, "the settlement to be confirmed", 60);

        JsonNode settlement = settled.path("settlement");
        assertThat(settlement.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(Map.of("deposit", settlement.path("deposit").asLong(), "providerPayout", settlement.path("providerPayout").asLong(),
                "fee", settlement.path("fee").asLong(), "refund", settlement.path("refund").asLong()))
                .isEqualTo(Map.of("deposit", DEPOSIT, "providerPayout", PROVIDER_PAYOUT, "fee", FEE, "refund", REFUND));

        ComputeEscrow escrow = buyer.escrow();
        byte[] id = OrderIds.toBytes32(orderId);
        var onChain = escrow.orderOf(buyer.address, id).send();
        assertThat(onChain.status.intValueExact()).as("the payout is held for the dispute window").isEqualTo(HELD);
        assertThat(onChain.amount.longValueExact()).isEqualTo(PROVIDER_PAYOUT);
        assertThat(escrow.refundOf(buyer.address).send().longValueExact()).isEqualTo(REFUND);
    }

    /**
     * The rewards schedule and veCPT on the cloud: an epoch with nothing final in it is computed once (no
     * transaction sent), stored in the cloud's database and served by its API; a buyer sees nothing owed.
     */
    @Test
    void theRewardsScheduleComputesAnEpochAndTheApiServesItAndVeCptOnEveryCloud() throws Exception {
        Cloud cloud = cloud();
        Rewarding.Report first = cloud.rewards();
        assertThat(first.epoch()).isEqualTo(1);
        assertThat(first.stage()).isEqualTo("ACCEPTED");
        assertThat(first.distributed()).isEqualTo("0");
        assertThat(cloud.rewards().epoch()).as("one epoch a run").isEqualTo(2);

        BuyerClient buyer = new BuyerClient(cloud.info(), cloud.chain().node().web3j(), USDC);
        JsonNode epoch = GroupBuyWalkthrough.expect(buyer.call("GET", "/rewards/epochs/1", null), 200);
        assertThat(epoch.path("root").asText()).isEqualTo("0x" + "0".repeat(64));
        assertThat(epoch.path("rates").path("providerCertifiedBps").asInt()).isEqualTo(500);
        assertThat(buyer.call("GET", "/rewards/epochs/999", null).status()).isEqualTo(404);
        JsonNode mine = GroupBuyWalkthrough.expect(buyer.call("GET", "/rewards", null), 200);
        assertThat(mine.path("earned").asText()).isEqualTo("0");
        assertThat(mine.path("claimable").asText()).isEqualTo("0");

        // veCPT is read from the chain by the cloud's API: no lock, no discount, the first tier ahead.
        JsonNode ve = GroupBuyWalkthrough.expect(buyer.call("GET", "/ve", null), 200);
        assertThat(ve.path("votingPower").asText()).isEqualTo("0");
        assertThat(ve.path("discountBps").asInt()).isZero();
        assertThat(ve.path("nextTier").path("minimumVotingPower").asText()).isEqualTo("1000" + "0".repeat(18));
        assertThat(ve.path("feeDistributor").asText()).isEqualTo(cloud.info().feeDistributor());
    }

    /**
     * A group buy through the cloud's schedules: two buyers pledge the campaign's last units, which
     * closes it sold out at the $70 tier; the operator's codes are allocated and the pledges settled
     * on chain in one batch, the early buyer refunded the $20 a unit the price fell.
     */
    @Test
    void aSoldOutGroupBuySettlesThroughTheSchedulesToTheSameFiguresOnEveryCloud() throws Exception {
        Cloud cloud = cloud();
        var web3j = cloud.chain().node().web3j();
        GroupBuyWalkthrough campaigns = new GroupBuyWalkthrough(cloud.info(), web3j, new PrintStream(OutputStream.nullOutputStream()));
        BuyerClient operator = campaigns.operator();
        String payee = Credentials.create(Keys.createEcKeyPair()).getAddress().toLowerCase();
        String campaignId = campaigns.open(operator, payee, 2, 5, 3, Duration.ofMinutes(30)).path("campaignId").asText();
        BuyerClient early = new BuyerClient(cloud.info(), web3j, 300 * USDC), late = new BuyerClient(cloud.info(), web3j, 300 * USDC);
        JsonNode earlyPledge = campaigns.pledge(early, campaignId, 2);
        early.pay(earlyPledge.path("pledgeId").asText(), earlyPledge.path("deposit").asLong());
        cloud.chain().confirm();
        cloud.watch();
        // The tiers count funded units: the late buyer's price follows the early buyer's confirmed deposit.
        JsonNode latePledge = campaigns.pledge(late, campaignId, 3);
        late.pay(latePledge.path("pledgeId").asText(), latePledge.path("deposit").asLong());
        cloud.chain().confirm();
        cloud.watch();

        cloud.groupBuy();
        assertThat(campaigns.awaitCampaign(operator, campaignId, "SUCCEEDED").path("finalUnitPrice").asLong()).isEqualTo(70 * USDC);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 5; i++) codes.add("CLOUD-" + UUID.randomUUID());
        campaigns.upload(operator, campaignId, codes);
        eventually(() -> {
            cloud.groupBuy();
            cloud.chain().confirm();
            cloud.watch();
            return GroupBuyWalkthrough.expect(operator.call("GET", "/campaigns/" + campaignId, null), 200)
                    .path("status").asText().equals("SETTLED") ? true : null;
        }, "the campaign to settle", 60);

        JsonNode report = GroupBuyWalkthrough.expect(operator.call("GET", "/operator/campaigns/" + campaignId + "/report", null), 200);
        assertThat(Map.of("pledged", report.path("pledged").asLong(), "allocated", report.path("allocated").asLong(),
                "refunded", report.path("refunded").asLong(), "vendorCost", report.path("vendorCost").asLong(),
                "platformMargin", report.path("platformMargin").asLong()))
                .isEqualTo(Map.of("pledged", 390 * USDC, "allocated", 350 * USDC, "refunded", 40 * USDC, "vendorCost", 300 * USDC,
                        "platformMargin", 50 * USDC));
        assertThat(early.escrow().refundOf(early.address).send().longValueExact()).isEqualTo(40 * USDC);
        assertThat(late.escrow().refundOf(late.address).send().longValueExact()).isZero();
        long payouts = 0;
        for (Map.Entry<BuyerClient, JsonNode> pledge : Map.of(early, earlyPledge, late, latePledge).entrySet()) {
            byte[] id = OrderIds.toBytes32(pledge.getValue().path("pledgeId").asText());
            var onChain = early.escrow().orderOf(pledge.getKey().address, id).send();
            assertThat(onChain.status.intValueExact()).isEqualTo(HELD);
            payouts += onChain.amount.longValueExact();
        }
        assertThat(payouts).isEqualTo(300 * USDC);
        Set<String> held = new HashSet<>();
        for (BuyerClient buyer : List.of(early, late)) {
            for (JsonNode coupon : GroupBuyWalkthrough.expect(buyer.call("GET", "/coupons", null), 200)) {
                held.add(GroupBuyWalkthrough.expect(buyer.call("GET", "/coupons/" + coupon.path("couponId").asText() + "/code", null), 200)
                        .path("code").asText());
            }
        }
        assertThat(held).containsExactlyInAnyOrderElementsOf(codes);
    }

    private static <T> T eventually(Callable<T> probe, String what, int seconds) throws Exception {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.call();
            if (value != null) return value;
            Thread.sleep(1_000);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
