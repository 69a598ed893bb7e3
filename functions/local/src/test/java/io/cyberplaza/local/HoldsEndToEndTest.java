package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds that cost nothing, tried on the whole local stack over its public API: wallets that order a
 * provider's whole capacity window and never pay keep it only until their funding window ends.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HoldsEndToEndTest {
    private static final long USDC = 1_000_000L;
    private static final Duration FUNDING_WINDOW = Duration.ofSeconds(20);
    private static final Duration CONFIRMATION_GRACE = Duration.ofSeconds(5);

    private LocalMarketplace stack;
    private GroupBuyWalkthrough walkthrough;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).toAbsolutePath().normalize().getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-holds"), new LocalMarketplace.Options(true,
                Map.of("cyberplaza.orders.funding-window", FUNDING_WINDOW.toSeconds() + "s",
                        "cyberplaza.orders.confirmation-grace", CONFIRMATION_GRACE.toSeconds() + "s"))));
        walkthrough = new GroupBuyWalkthrough(stack.info(), stack.node().web3j(), new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void ordersFromManyWalletsThatTakeACapacityWindowAndNeverPayReleaseItWhenTheirFundingWindowEnds() throws Exception {
        BuyerClient operator = walkthrough.operator();
        BuyerClient acme = new BuyerClient(stack.info(), stack.node().web3j(), USDC);
        GroupBuyWalkthrough.expect(operator.call("PUT", "/accounts/" + acme.address + "/roles/PROVIDER", null), 200);
        GroupBuyWalkthrough.expect(acme.call("PUT", "/providers/me", Map.of("name", "Acme")), 200);
        Instant now = Instant.now();
        JsonNode offer = GroupBuyWalkthrough.expect(acme.call("POST", "/offers", Map.ofEntries(Map.entry("title", "one box, three hours"),
                Map.entry("resourceType", "CPU"), Map.entry("region", "local"), Map.entry("unit", "core"), Map.entry("pricePerHour", "1000000"),
                Map.entry("provisioner", "local-process"), Map.entry("templates", List.of("hold")), Map.entry("maxUnits", 1),
                Map.entry("maxHours", 24), Map.entry("benchmarks", List.of()),
                Map.entry("sla", Map.of("availabilityBps", 9900, "maxStartMinutes", 5)), Map.entry("capacity", List.of(Map.of("start", now.minusSeconds(60).toString(),
                        "end", now.plus(Duration.ofDays(1)).toString(), "unitHours", 3))))), 201);
        String offerId = offer.path("offerId").asText();

        Map<BuyerClient, String> held = new java.util.LinkedHashMap<>();
        for (int wallet = 0; wallet < 3; wallet++) {
            BuyerClient squatter = new BuyerClient(stack.info(), stack.node().web3j(), USDC);
            held.put(squatter, squatter.order(offerId, 3_600, "hold", Map.of("seconds", "1")).path("orderId").asText());
        }
        Instant lastHold = Instant.now();
        BuyerClient honest = new BuyerClient(stack.info(), stack.node().web3j(), 10 * USDC);
        String quoteId = honest.quote(offerId, 3_600, "hold", Map.of("seconds", "1")).path("quoteId").asText();
        BuyerClient.Reply refused = honest.call("POST", "/orders", Map.of("quoteId", quoteId));
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.body().path("type").asText()).endsWith("/capacity-exhausted");

        // Released when the expiry job next runs after the funding window and the confirmation grace.
        JsonNode released = GroupBuyWalkthrough.eventually(() -> {
            JsonNode window = GroupBuyWalkthrough.expect(honest.call("GET", "/offers/" + offerId, null), 200).path("capacity").get(0);
            return window.path("availableUnitSeconds").asLong() == 3 * 3_600 ? window : null;
        }, "the abandoned orders' capacity to come back");
        Duration took = Duration.between(lastHold, Instant.now());
        assertThat(took).as("not before the funding window and the confirmation grace ended")
                .isGreaterThanOrEqualTo(FUNDING_WINDOW.plus(CONFIRMATION_GRACE).minusSeconds(1));
        assertThat(released.path("totalUnitSeconds").asLong()).isEqualTo(3 * 3_600);
        for (Map.Entry<BuyerClient, String> hold : held.entrySet()) {
            assertThat(hold.getKey().call("GET", "/orders/" + hold.getValue(), null).body().path("state").asText()).isEqualTo("EXPIRED");
        }
        String again = honest.quote(offerId, 3_600, "hold", Map.of("seconds", "1")).path("quoteId").asText();
        assertThat(honest.call("POST", "/orders", Map.of("quoteId", again)).status()).isEqualTo(201);
    }
}
