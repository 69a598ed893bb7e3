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
    void fiftyBuyersRacingForTheLastUnitsNeverOversellAndTheLosersPayNothing() throws Exception {
        BuyerClient operator = walkthrough.operator();
        String payee = Credentials.create(Keys.createEcKeyPair()).getAddress().toLowerCase();
        String campaignId = walkthrough.open(operator, payee, 1, 20, 1, Duration.ofMinutes(10)).path("campaignId").asText();
        List<BuyerClient> buyers = new ArrayList<>();
        for (int i = 0; i < 50; i++) buyers.add(new BuyerClient(stack.info(), stack.node().web3j(), 100 * USDC));

        List<Callable<BuyerClient.Reply>> pledges = new ArrayList<>();
        for (BuyerClient buyer : buyers) pledges.add(() -> buyer.call("POST", "/campaigns/" + campaignId + "/pledges", Map.of("quantity", 1)));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<BuyerClient.Reply> replies = new ArrayList<>();
        try {
            for (Future<BuyerClient.Reply> reply : pool.invokeAll(pledges)) replies.add(reply.get());
        } finally {
            pool.shutdownNow();
        }

        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(20);
        List<BuyerClient.Reply> refused = replies.stream().filter(r -> r.status() != 201).toList();
        assertThat(refused).hasSize(30).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(409);
            assertThat(r.body().path("type").asText()).endsWith("/capacity-exhausted");
            assertThat(r.body().path("detail").asText()).contains("sold out");
        });
        JsonNode campaign = GroupBuyWalkthrough.expect(operator.call("GET", "/campaigns/" + campaignId, null), 200);
        assertThat(campaign.path("pledged").asLong()).isEqualTo(20);
        for (int i = 0; i < buyers.size(); i++) {
            BuyerClient buyer = buyers.get(i);
            assertThat(buyer.call("GET", "/pledges", null).body().size()).isEqualTo(replies.get(i).status() == 201 ? 1 : 0);
            assertThat(buyer.usdc().balanceOf(buyer.address).send().longValueExact()).isEqualTo(100 * USDC);
        }
    }
}
