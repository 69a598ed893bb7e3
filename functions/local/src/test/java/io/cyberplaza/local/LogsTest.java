package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads everything the end-to-end suites logged (JSON lines, as the functions log in the cloud):
 * no secret they handled appears in it, and each order's lines carry its id from every function.
 */
@Order(Integer.MAX_VALUE)
class LogsTest {
    private static final Path LOG = Path.of(System.getProperty("cyberplaza.test.log", "target/e2e-log.jsonl"));

    private static List<JsonNode> lines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(LOG)) if (!line.isBlank()) lines.add(json.readTree(line));
        return lines;
    }

    @Test
    void noSessionKeySettlerKeyWalletKeyOrTokenIsEverLogged() throws Exception {
        String logged = Files.readString(LOG);
        Set<String> secrets = LeakWatch.secrets();
        assertThat(logged).as("the suites ran and logged").hasSizeGreaterThan(10_000);
        assertThat(secrets).as("the suites handled secrets").hasSizeGreaterThan(10);
        for (String secret : secrets) {
            assertThat(logged.toLowerCase()).as("a secret of %d characters starting %s", secret.length(), secret.substring(0, 4))
                    .doesNotContain(secret.toLowerCase());
        }
    }

    @Test
    void noCouponCodeIsEverLogged() throws Exception {
        String logged = Files.readString(LOG);
        Set<String> codes = LeakWatch.couponCodes();
        assertThat(codes).as("the group-buy suite handed out coupons").isNotEmpty();
        assertThat(logged).as("the group-buy run logged").contains("io.cyberplaza.core.groupbuy.GroupBuyRun");
        for (String code : codes) assertThat(logged).as("a coupon code of %d characters", code.length()).doesNotContain(code);
    }

    @Test
    void anOrderCanBeFollowedThroughEveryFunctionByItsId() throws Exception {
        Map<String, Set<String>> loggersByOrder = new HashMap<>();
        for (JsonNode line : lines()) {
            String orderId = line.path("mdc").path("orderId").asText("");
            if (!orderId.isEmpty()) {
                loggersByOrder.computeIfAbsent(orderId, id -> new HashSet<>()).add(line.path("loggerName").asText());
            }
        }
        Set<String> everyStep = Set.of("io.cyberplaza.core.order.OrderService", "io.cyberplaza.core.order.OrderFunding",
                "io.cyberplaza.core.run.ProvisionService", "io.cyberplaza.core.run.CompletionService",
                "io.cyberplaza.core.settlement.SettlementService");
        assertThat(loggersByOrder.values()).as("an order logged by the API, watcher, provision, meter and settle functions")
                .anySatisfy(loggers -> assertThat(loggers).containsAll(everyStep));
    }
}
