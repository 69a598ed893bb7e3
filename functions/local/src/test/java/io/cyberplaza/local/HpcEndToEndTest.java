package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.cyberplaza.provisioner.slurm.SlurmRestClient;
import io.cyberplaza.provisioner.slurm.SlurmTokens;
import io.cyberplaza.provisioner.slurm.SlurmUsage;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HPC orders on the whole local stack with its HPC centre, a real Slurm cluster: the API, the
 * functions on their schedules, the escrow on Hardhat, slurmrestd and slurmdbd's accounting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HpcEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalMarketplace stack;
    private HpcWalkthrough walkthrough;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-hpc"),
                LocalMarketplace.Options.runner().withHpc()));
        assertThat(stack.slurm()).as("the local HPC centre needs Slurm (testing/slurm/cluster.sh install)").isPresent();
        walkthrough = new HpcWalkthrough(stack.info(), stack.node().web3j(), new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    private static long amount(JsonNode settled, String field) {
        return Long.parseLong(settled.path("settlement").path(field).asText());
    }

    @Test
    void theHpcOfferDescribesItsPartition() throws Exception {
        BuyerClient.Reply reply = walkthrough.buyer().call("GET", "/offers/" + CatalogSeed.HPC_OFFER, null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode offer = reply.body();
        assertThat(offer.path("provisioner").asText()).isEqualTo("slurm");
        JsonNode partition = offer.path("partition");
        assertThat(partition.path("name").asText()).isEqualTo("compute");
        assertThat(partition.path("coresPerNode").asInt()).isEqualTo(stack.slurm().orElseThrow().cluster().cpus());
        assertThat(partition.path("billedBy").asText()).isEqualTo("CORE");
        assertThat(JSON.convertValue(offer.path("templates"), List.class)).contains("pi-monte-carlo", "openssl-speed", "batch-script");
    }

    @Test
    void aSweepOfAHundredTasksIsMeteredFromSlurmsAccountingAndSettledOnChain() throws Exception {
        JsonNode settled = walkthrough.settled(walkthrough.paid(walkthrough.quote(Map.of("units", 1, "seconds", 120,
                "template", "pi-monte-carlo", "parameters", Map.of("samples", "20000"),
                "sweep", Map.of("parameter", "seed", "from", 1, "to", 100)))));
        JsonNode summary = JSON.readTree(HpcWalkthrough.summary(settled));

        assertThat(summary.path("state").asText()).isEqualTo("SETTLED");
        assertThat(summary.path("tasks").asInt()).isEqualTo(100);
        long coreSeconds = summary.path("coreSeconds").asLong();
        // Slurm's own record of the array: every task accounted for, and the bill its core-seconds (whole seconds each).
        LocalSlurm.Cluster cluster = stack.slurm().orElseThrow().cluster();
        try (SlurmRestClient slurm = new SlurmRestClient(URI.create(cluster.rest()), new SlurmTokens(
                Base64.getDecoder().decode(cluster.jwtKeyBase64()), cluster.user(), Clock.systemUTC()), Duration.ofSeconds(10))) {
            List<SlurmUsage> tasks = slurm.usages(summary.path("slurmJobId").asLong());
            assertThat(tasks).hasSize(100).allMatch(task -> task.state().equals("COMPLETED"));
            assertThat(coreSeconds).isEqualTo(tasks.stream().mapToLong(SlurmUsage::coreSeconds).sum());
        }
        long price = CatalogSeed.HPC_PRICE_PER_CORE_HOUR;
        long cost = price * coreSeconds / 3_600;
        assertThat(amount(settled, "providerPayout") + amount(settled, "fee")).as("the bill is the core-seconds").isEqualTo(cost);
        assertThat(amount(settled, "deposit")).isEqualTo(amount(settled, "providerPayout") + amount(settled, "fee") + amount(settled, "refund"));
        assertThat(amount(settled, "refund")).as("the time the tasks did not use").isPositive();
        BuyerClient.Reply result = walkthrough.buyer().call("GET", "/orders/" + summary.path("orderId").asText() + "/result", null);
        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void aWorkflowWhoseSecondStepFailsNeverRunsTheThirdAndRefundsItsShare() throws Exception {
        JsonNode settled = walkthrough.settled(walkthrough.paid(walkthrough.quote(Map.of("units", 1, "seconds", 120, "steps", List.of(
                Map.of("name", "prepare", "template", "pi-monte-carlo", "parameters", Map.of("samples", "1000")),
                Map.of("name", "solve", "template", "batch-script", "script", "echo solving; sleep 2; exit 3\n", "after", List.of("prepare")),
                Map.of("name", "report", "template", "batch-script", "script", "echo reporting; sleep 60\n", "after", List.of("solve")))))));

        assertThat(settled.path("tasks").asInt()).isEqualTo(3);
        assertThat(settled.path("usage").path("endReason").asText()).as("the workflow ended by itself").isEqualTo("RESOURCE_GONE");
        long coreSeconds = settled.path("usage").path("meteredUnitSeconds").asLong();
        assertThat(coreSeconds).as("two short steps ran; the third never did").isBetween(2L, 60L);
        long cost = CatalogSeed.HPC_PRICE_PER_CORE_HOUR * coreSeconds / 3_600;
        assertThat(amount(settled, "providerPayout") + amount(settled, "fee")).isEqualTo(cost);
        // Each step was bought for 120 core-seconds: the third step's share (and what the others did not use) comes back.
        long thirdStepShare = CatalogSeed.HPC_PRICE_PER_CORE_HOUR * 120 / 3_600;
        assertThat(amount(settled, "refund")).isGreaterThan(thirdStepShare);
    }

    @Test
    void killingSlurmdInTheMiddleOfAJobEndsTheOrderThroughTheSlaPath() throws Exception {
        JsonNode order = walkthrough.paid(walkthrough.quote(Map.of("units", 1, "seconds", 600, "template", "sleep",
                "parameters", Map.of("seconds", "500"))));
        String orderId = order.path("orderId").asText();
        walkthrough.await(orderId, o -> o.path("state").asText().equals("RUNNING") && o.path("usage").path("usedSeconds").asLong() >= 3,
                "to run for a few seconds");
        LocalSlurm slurm = stack.slurm().orElseThrow();
        try {
            slurm.killNode();
            JsonNode settled = walkthrough.settled(order);
            assertThat(settled.path("usage").path("endReason").asText()).isEqualTo("RESOURCE_FAILED");
            assertThat(amount(settled, "refund")).as("a failure within the SLA's grace refunds everything")
                    .isEqualTo(amount(settled, "deposit"));
            assertThat(amount(settled, "providerPayout")).isZero();
        } finally {
            slurm.reviveNode();
        }
    }
}
