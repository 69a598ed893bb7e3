package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cyberplaza.local.GroupBuyWalkthrough.USDC;
import static org.assertj.core.api.Assertions.assertThat;

/** Group buys on the whole local stack, driven by its own schedules: a Hardhat node, DynamoDB Local, ElasticMQ. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupBuyEndToEndTest {
    private LocalMarketplace stack;
    private GroupBuyWalkthrough walkthrough;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-group-buy"),
                new LocalMarketplace.Options(true, Map.of())));
        walkthrough = new GroupBuyWalkthrough(stack.info(), stack.node().web3j(), new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void aCampaignThatReachesALowerTierHandsOutDistinctCouponsAndRefundsTheDifferenceOnChain() throws Exception {
        GroupBuyWalkthrough.Outcome outcome = walkthrough.succeedAtALowerTier();
        LeakWatch.couponCodes(outcome.codes());

        JsonNode report = outcome.report();
        assertThat(report.path("status").asText()).isEqualTo("SETTLED");
        assertThat(report.path("finalUnitPrice").asLong()).isEqualTo(70 * USDC);
        assertThat(report.path("pledged").asLong()).isEqualTo(410 * USDC);
        assertThat(report.path("allocated").asLong()).isEqualTo(350 * USDC);
        assertThat(report.path("refunded").asLong()).isEqualTo(60 * USDC);
        assertThat(report.path("vendorCost").asLong()).isEqualTo(300 * USDC);
        assertThat(report.path("platformMargin").asLong()).isEqualTo(50 * USDC);
        assertThat(outcome.codes()).hasSize(5);
        List<Long> refunds = new ArrayList<>();
        for (BuyerClient buyer : outcome.pledges().keySet()) refunds.add(buyer.escrow().refundOf(buyer.address).send().longValueExact());
        assertThat(refunds).containsExactly(40 * USDC, 20 * USDC, 0L);
        // Nobody else sees a coupon's code.
        BuyerClient stranger = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), USDC));
        BuyerClient holder = outcome.pledges().keySet().iterator().next();
        String couponId = holder.call("GET", "/coupons", null).body().get(0).path("couponId").asText();
        assertThat(stranger.call("GET", "/coupons/" + couponId + "/code", null).status()).isEqualTo(404);
    }

    @Test
    void aCampaignShortOfItsMinimumRefundsEveryoneInFullOnChain() throws Exception {
        BuyerClient operator = walkthrough.operator();
        String payee = Credentials.create(Keys.createEcKeyPair()).getAddress().toLowerCase();
        String campaignId = walkthrough.open(operator, payee, 5, 10, 3, Duration.ofSeconds(25)).path("campaignId").asText();
        BuyerClient buyer = new BuyerClient(stack.info(), stack.node().web3j(), 300 * USDC);
        JsonNode pledge = walkthrough.pledge(buyer, campaignId, 2);
        buyer.pay(pledge.path("pledgeId").asText(), pledge.path("deposit").asLong());

        walkthrough.awaitCampaign(operator, campaignId, "SETTLED");
        JsonNode report = GroupBuyWalkthrough.expect(operator.call("GET", "/operator/campaigns/" + campaignId + "/report", null), 200);
        assertThat(report.path("refunded").asLong()).isEqualTo(report.path("pledged").asLong()).isEqualTo(180 * USDC);
        assertThat(report.path("allocated").asLong()).isZero();
        walkthrough.checkChain(report, Map.of(buyer, pledge), payee);
        assertThat(buyer.escrow().refundOf(buyer.address).send().longValueExact()).isEqualTo(180 * USDC);
        buyer.escrow().withdrawRefund().send();
        assertThat(buyer.usdc().balanceOf(buyer.address).send().longValueExact()).isEqualTo(300 * USDC);
    }

    @Test
    void aResourceCouponFromACampaignPaysForAnOrderOnceWithNothingDeposited() throws Exception {
        BuyerClient operator = walkthrough.operator();
        String provider = DevAccounts.LOCAL_PROVIDER.getAddress().toLowerCase();
        String campaignId = walkthrough.openCoreHours(operator, provider, Duration.ofSeconds(20)).path("campaignId").asText();
        BuyerClient buyer = LeakWatch.watch(new BuyerClient(stack.info(), stack.node().web3j(), 20 * USDC));
        JsonNode pledge = walkthrough.pledge(buyer, campaignId, 1);
        buyer.pay(pledge.path("pledgeId").asText(), pledge.path("deposit").asLong());
        walkthrough.awaitCampaign(operator, campaignId, "SUCCEEDED");
        String code = "CORE-HOUR-" + UUID.randomUUID();
        LeakWatch.couponCodes(List.of(code));
        walkthrough.upload(operator, campaignId, List.of(code));
        walkthrough.awaitCampaign(operator, campaignId, "SETTLED");
        String couponId = GroupBuyWalkthrough.expect(buyer.call("GET", "/coupons", null), 200).get(0).path("couponId").asText();
        long walletBefore = buyer.usdc().balanceOf(buyer.address).send().longValueExact();

        JsonNode quote = buyer.quote("local-cpu", 600, "hold", Map.of("seconds", "1"));
        JsonNode order = GroupBuyWalkthrough.expect(buyer.call("POST", "/orders",
                Map.of("quoteId", quote.path("quoteId").asText(), "couponId", couponId)), 201);
        String orderId = order.path("orderId").asText();
        assertThat(order.path("state").asText()).isEqualTo("FUNDED");
        assertThat(order.path("couponId").asText()).isEqualTo(couponId);
        assertThat(order.path("escrow").path("amount").asText()).isEqualTo("0");
        assertThat(order.path("permit").isMissingNode() || order.path("permit").isNull()).isTrue();

        JsonNode settled = GroupBuyWalkthrough.eventually(() -> {
            JsonNode current = buyer.get(orderId);
            return current.path("state").asText().equals("SETTLED") ? current : null;
        }, "the coupon order to settle");
        assertThat(settled.path("usage").path("usedSeconds").asLong()).isPositive();
        assertThat(settled.path("settlement").path("deposit").asText()).isEqualTo("0");
        // Nothing went through the escrow: no deposit, no settlement transaction, the wallet untouched.
        assertThat(buyer.escrow().orderOf(buyer.address, io.cyberplaza.chain.OrderIds.toBytes32(orderId)).send().status.signum()).isZero();
        assertThat(buyer.settlementTransaction(orderId)).isEmpty();
        assertThat(buyer.usdc().balanceOf(buyer.address).send().longValueExact()).isEqualTo(walletBefore);
        JsonNode coupon = GroupBuyWalkthrough.expect(buyer.call("GET", "/coupons", null), 200).get(0);
        assertThat(coupon.path("status").asText()).isEqualTo("REDEEMED");
        assertThat(coupon.path("redeemedFor").asText()).isEqualTo(orderId);

        JsonNode again = buyer.quote("local-cpu", 600, "hold", Map.of("seconds", "1"));
        BuyerClient.Reply refused = buyer.call("POST", "/orders", Map.of("quoteId", again.path("quoteId").asText(), "couponId", couponId));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("type").asText()).endsWith("/coupon-already-redeemed");
        BuyerClient stranger = new BuyerClient(stack.info(), stack.node().web3j(), USDC);
        JsonNode strangersQuote = stranger.quote("local-cpu", 600, "hold", Map.of("seconds", "1"));
        assertThat(stranger.call("POST", "/orders", Map.of("quoteId", strangersQuote.path("quoteId").asText(), "couponId", couponId)).status())
                .isEqualTo(404);
    }

    @Test
    void walletsThatPledgeAndNeverPayCannotSellACampaignOutAndOfPayersRacingForTheLastUnitsTheLosersGetEverythingBack() throws Exception {
        BuyerClient operator = walkthrough.operator();
        String payee = Credentials.create(Keys.createEcKeyPair()).getAddress().toLowerCase();
        String campaignId = walkthrough.open(operator, payee, 1, 10, 1, Duration.ofMinutes(10)).path("campaignId").asText();
        List<BuyerClient> squatters = concurrently(30, i -> {
            BuyerClient squatter = new BuyerClient(stack.info(), stack.node().web3j(), 100 * USDC);
            walkthrough.pledge(squatter, campaignId, 1);
            return squatter;
        });
        JsonNode held = GroupBuyWalkthrough.expect(operator.call("GET", "/campaigns/" + campaignId, null), 200);
        assertThat(held.path("pledged").asLong()).as("30 pledges made from 30 wallets, none paid: nothing held").isZero();
        assertThat(held.path("status").asText()).isEqualTo("OPEN");

        List<BuyerClient> payers = concurrently(12, i -> {
            BuyerClient payer = new BuyerClient(stack.info(), stack.node().web3j(), 100 * USDC);
            JsonNode pledge = walkthrough.pledge(payer, campaignId, 1);
            payer.pay(pledge.path("pledgeId").asText(), pledge.path("deposit").asLong());
            return payer;
        });
        Map<String, Long> outcome = GroupBuyWalkthrough.eventually(() -> {
            Map<String, Long> statuses = new java.util.HashMap<>();
            for (BuyerClient payer : payers) {
                String status = GroupBuyWalkthrough.expect(payer.call("GET", "/pledges", null), 200).get(0).path("status").asText();
                statuses.merge(status, 1L, Long::sum);
            }
            return statuses.getOrDefault("FUNDED", 0L) + statuses.getOrDefault("LAPSED", 0L) == payers.size() ? statuses : null;
        }, "every payer's deposit to be seen");
        assertThat(outcome).as("the first ten deposits took the ten units").containsEntry("FUNDED", 10L).containsEntry("LAPSED", 2L);

        JsonNode closed = walkthrough.awaitCampaign(operator, campaignId, "SUCCEEDED");
        assertThat(closed.path("pledged").asLong()).as("sold out to the funded pledges, closed without waiting for the unpaid").isEqualTo(10);
        BuyerClient late = new BuyerClient(stack.info(), stack.node().web3j(), 100 * USDC);
        BuyerClient.Reply refused = late.call("POST", "/campaigns/" + campaignId + "/pledges", Map.of("quantity", 1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("detail").asText()).contains("has closed");

        for (BuyerClient squatter : squatters) {
            assertThat(squatter.call("GET", "/pledges", null).body().get(0).path("status").asText()).as("lapsed once the campaign sold out")
                    .isEqualTo("LAPSED");
        }
        for (BuyerClient payer : payers) {
            JsonNode pledge = payer.call("GET", "/pledges", null).body().get(0);
            if (!pledge.path("status").asText().equals("LAPSED")) continue;
            long refund = GroupBuyWalkthrough.eventually(() -> {
                long owed = payer.escrow().refundOf(payer.address).send().longValueExact();
                return owed > 0 ? owed : null;
            }, "the refund of a payment that came after the campaign sold out");
            assertThat(refund).as("a loser of the race gets everything back").isEqualTo(pledge.path("deposit").asLong());
        }
    }

    private interface Participant {
        BuyerClient join(int index) throws Exception;
    }

    private static List<BuyerClient> concurrently(int count, Participant participant) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 16));
        try {
            List<Callable<BuyerClient>> joins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                joins.add(() -> participant.join(index));
            }
            List<BuyerClient> joined = new ArrayList<>();
            for (Future<BuyerClient> future : pool.invokeAll(joins)) joined.add(future.get());
            return joined;
        } finally {
            pool.shutdownNow();
        }
    }
}
