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
 * The escrow's promise tried as an adversarial payer would, with a client written elsewhere: the
 * ethers script in {@code testing/adversary} squats an order id, tops up after the split and reclaims
 * while the compute runs, against the whole local stack through its public API and the chain only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdversarialPayerEndToEndTest {
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
        JsonNode report = runAdversary();
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

    private JsonNode runAdversary() throws IOException, InterruptedException {
        Path dir = root.resolve("testing/adversary");
        assertThat(dir.resolve("node_modules/ethers")).as("ethers is installed by `npm ci` in testing/adversary (.ci/run does it)").exists();
        Path output = Files.createTempFile("adversary", ".log");
        ProcessBuilder adversary = new ProcessBuilder(List.of("node", "adversary.mjs")).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        adversary.environment().put("CYBERPLAZA_API", stack.info().api());
        adversary.environment().put("CYBERPLAZA_RPC", stack.info().rpc());
        Process node = adversary.start();
        if (!node.waitFor(10, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            throw new AssertionError("the adversary did not finish in 10 minutes: " + Files.readString(output));
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "{}" : lines.getLast();
        assertThat(last).as(String.join("\n", lines)).startsWith("{");
        return JSON.readTree(last);
    }
}
