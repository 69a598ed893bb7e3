package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients written elsewhere, with ethers, against the whole local stack through its public API and the
 * chain only: {@code testing/adversary} tries the escrow's promise as an adversarial payer would
 * (squats an order id, tops up after the split, reclaims while the compute runs);
 * {@code testing/safe-wallet} is a Safe that signs in, orders and pays as a contract account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutsideClientsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path root;
    private LocalMarketplace stack;

    @BeforeAll
    void start() throws Exception {
        root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).toAbsolutePath().normalize().getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-adversary"), LocalMarketplace.Options.runner()));
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void aSquattedIdATopUpAfterTheSplitAndAReclaimWhileRunningEachEndSettledOrClosedAndTheBystanderIsUnaffected() throws Exception {
        JsonNode report = run("testing/adversary", "adversary.mjs");
        assertThat(report.path("passed").asBoolean()).as(report.toString()).isTrue();

        JsonNode squatted = report.path("squatted");
        assertThat(squatted.path("state").asText()).isEqualTo("SETTLED");
        assertThat(squatted.path("squatterOrder").path("amount").asText()).as("the squatter only opened an order of its own").isEqualTo("1");
        assertThat(Long.parseLong(squatted.path("refund").asText())).as("the stranger's dust went to the owner").isPositive();

        JsonNode topUp = report.path("topUpAfterTheSplit");
        assertThat(topUp.path("state").asText()).isEqualTo("SETTLED");
        assertThat(Long.parseLong(topUp.path("deposit").asText())).isEqualTo(Long.parseLong(topUp.path("payout").asText())
                + Long.parseLong(topUp.path("fee").asText()) + Long.parseLong(topUp.path("refund").asText()));

        JsonNode reclaimed = report.path("reclaimWhileRunning");
        assertThat(reclaimed.path("state").asText()).isEqualTo("RECLAIMED");
        assertThat(reclaimed.path("escrowStatus").asText()).isEqualTo("Reclaimed");

        assertThat(report.path("bystander").path("state").asText()).isEqualTo("SETTLED");
    }

    @Test
    void aSafeOwnedByATestKeySignsInAsAContractAccountOrdersPaysInOneSafeTransactionAndGetsItsRefund() throws Exception {
        JsonNode report = run("testing/safe-wallet", "safe-wallet.mjs");
        assertThat(report.path("passed").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("forgedSignInStatus").asInt()).as("a stranger's signature for the Safe").isEqualTo(401);
        assertThat(report.path("counterfactual").path("signedIn").asBoolean()).isTrue();
        assertThat(report.path("counterfactual").path("deployed").asBoolean()).as("ERC-6492 is checked in a simulation").isFalse();

        JsonNode order = report.path("order");
        assertThat(order.path("state").asText()).isEqualTo("SETTLED");
        long payout = Long.parseLong(order.path("payout").asText());
        long fee = Long.parseLong(order.path("fee").asText());
        assertThat(Long.parseLong(order.path("deposit").asText())).isEqualTo(payout + fee + Long.parseLong(order.path("refund").asText()));
        assertThat(Long.parseLong(report.path("balance").path("after").asText()))
                .as("the Safe paid what ran and the fee, nothing else")
                .isEqualTo(Long.parseLong(report.path("balance").path("before").asText()) - payout - fee);
    }

    private JsonNode run(String client, String script) throws IOException, InterruptedException {
        Path dir = root.resolve(client);
        assertThat(dir.resolve("node_modules/ethers")).as("ethers is installed by `npm ci` in " + client + " (.ci/run does it)").exists();
        Path output = Files.createTempFile("client", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("CYBERPLAZA_API", stack.info().api());
        builder.environment().put("CYBERPLAZA_RPC", stack.info().rpc());
        Process node = builder.start();
        if (!node.waitFor(10, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError(client + " did not finish in 10 minutes: " + Files.readString(output));
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "{}" : lines.getLast();
        assertThat(last).as(String.join("\n", lines)).startsWith("{");
        return JSON.readTree(last);
    }
}
