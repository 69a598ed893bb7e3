package io.cyberplaza.provisioner.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.provisioner.TaskPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Slurm provider speaking v0.0.41 (Slurm 24.05) to answers shaped as SchedMD's published OpenAPI
 * document defines them (src/test/resources/slurmrestd/v0.0.41): what it sends, and how it reads jobs,
 * array tasks, accounting and refusals.
 */
class SlurmRecordedAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A moment after the recorded tasks started: the pending one has not. */
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_796_400_040), ZoneOffset.UTC);

    private WireMockServer slurmrestd;
    private SlurmRestClient client;
    private SlurmProvisioner provisioner;

    @TempDir
    Path output;

    @BeforeEach
    void start() {
        slurmrestd = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        slurmrestd.start();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        client = new SlurmRestClient(java.net.URI.create(slurmrestd.baseUrl()), new SlurmTokens(key, "cyberplaza-hpc", CLOCK),
                Duration.ofSeconds(5), SlurmDialect.of("v0.0.41"));
        SlurmSite site = new SlurmSite(java.net.URI.create(slurmrestd.baseUrl()), "v0.0.41", "cyberplaza-hpc", "compute", 128, false, output,
                1024 * 1024);
        provisioner = new SlurmProvisioner(client, site, SlurmApplication.standard(), key, CLOCK);
    }

    @AfterEach
    void stop() {
        client.close();
        slurmrestd.stop();
    }

    private static String recorded(String name) throws IOException {
        try (InputStream in = SlurmRecordedAnswersTest.class.getResourceAsStream("/slurmrestd/v0.0.41/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void answer(String method, String path, int status, String body) {
        var mapping = method.equals("GET") ? get(urlEqualTo(path)) : post(urlEqualTo(path));
        slurmrestd.stubFor(mapping.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void aSweepIsSubmittedAsV0041WritesItAndReadBackTaskByTask() throws Exception {
        answer("GET", "/slurm/v0.0.41/jobs/", 200, "{\"jobs\": [], \"errors\": [], \"warnings\": []}");
        answer("POST", "/slurm/v0.0.41/job/submit", 200, recorded("submit-response.json"));
        answer("GET", "/slurm/v0.0.41/job/5000", 200, recorded("job-5000.json"));
        answer("GET", "/slurmdb/v0.0.41/job/5000", 200, recorded("db-job-5000.json"));

        TaskPlan sweep = TaskPlan.sweep(new TaskPlan.Sweep("seed", List.of("1", "2", "3")));
        Resource resource = provisioner.launch(new LaunchRequest("0xorder5000", "hpc", "pi-monte-carlo", Map.of("samples", "1000"), 1,
                Duration.ofMinutes(2), Map.of(), null, null, sweep), "order-5000aaaa");

        List<LoggedRequest> submits = slurmrestd.findAll(postRequestedFor(urlEqualTo("/slurm/v0.0.41/job/submit")));
        assertThat(submits).hasSize(1);
        assertThat(submits.getFirst().getHeader("X-SLURM-USER-NAME")).isEqualTo("cyberplaza-hpc");
        assertThat(submits.getFirst().getHeader("X-SLURM-USER-TOKEN")).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        JsonNode job = JSON.readTree(submits.getFirst().getBodyAsString()).path("job");
        assertThat(job.path("script").asText()).as("v0.0.41 carries the script inside the job").startsWith("#!/bin/bash\n");
        assertThat(job.path("environment").isArray()).isTrue();
        assertThat(job.path("environment").toString()).contains("\"PATH=/usr/local/bin:/usr/bin:/bin\"");
        assertThat(job.path("time_limit").path("set").asBoolean()).isTrue();
        assertThat(job.path("time_limit").path("number").asLong()).isEqualTo(2);
        assertThat(job.path("memory_per_node").path("number").asLong()).isEqualTo(128);
        assertThat(job.path("cpus_per_task").asInt()).isEqualTo(1);
        assertThat(job.path("array").asText()).isEqualTo("0-2");
        assertThat(job.path("comment").asText()).as("the key and the platform's mark").matches("cyberplaza:order-5000aaaa:[0-9a-f]{24}");
        assertThat(job.path("name").asText()).startsWith("0xorder5000:");
        assertThat(job.path("requeue").asBoolean(true)).isFalse();
        assertThat(job.path("flags").toString()).contains("KILL_INVALID_DEPENDENCY");

        assertThat(resource.resourceId()).isEqualTo("slurm/order-5000aaaa/5000");
        assertThat(resource.status()).as("one task still waits").isEqualTo(ResourceStatus.RUNNING);
        assertThat(resource.unitSeconds()).as("the completed task's 31 accounted core-seconds; the node's failure bills nothing")
                .isEqualTo(31);
        assertThat(resource.cpuMillis()).isEqualTo((29 + 11) * 1_000L);
        assertThat(resource.detail()).contains("3 task(s)").contains("1 pending [Resources]").contains("1 ended by a fault of the cluster");
        assertThat(resource.orderId()).isEqualTo("0xorder5000");
    }

    @Test
    void aJobThatFailedByItselfEndedTheOrderWithItsExitCode() throws Exception {
        answer("GET", "/slurm/v0.0.41/job/4242", 200, recorded("job-4242.json"));
        answer("GET", "/slurmdb/v0.0.41/job/4242", 200, "{\"jobs\": [], \"errors\": [], \"warnings\": []}");
        Resource resource = provisioner.describe("slurm/order-4242bbbb/4242").orElseThrow();
        assertThat(resource.status()).isEqualTo(ResourceStatus.SUCCEEDED);
        assertThat(resource.exitCode()).isEqualTo(3);
        assertThat(resource.endedAt()).isEqualTo(Instant.ofEpochSecond(1_796_400_007));
        assertThat(resource.unitSeconds()).as("7 s on one core, from the controller while accounting has nothing yet").isEqualTo(7);
        SlurmJob read = client.job(4242).orElseThrow();
        assertThat(read.state()).isEqualTo("FAILED");
        assertThat(read.reason()).isEqualTo("NonZeroExitCode");
        assertThat(read.arrayTaskId()).isEqualTo(-1);
    }

    @Test
    void aJobTheClusterRefusesIsRefusedForGood() throws Exception {
        answer("GET", "/slurm/v0.0.41/jobs/", 200, "{\"jobs\": [], \"errors\": [], \"warnings\": []}");
        answer("POST", "/slurm/v0.0.41/job/submit", 500, recorded("submit-refused.json"));
        assertThatThrownBy(() -> provisioner.launch(new LaunchRequest("0xorder1", "hpc", "sleep", Map.of("seconds", "5"), 1,
                Duration.ofMinutes(1), Map.of()), "order-1")).isInstanceOf(ProvisionException.class)
                .hasMessageContaining("Requested node configuration is not available")
                .extracting(e -> ((ProvisionException) e).reason()).isEqualTo(ProvisionException.Reason.INVALID);
    }

    @Test
    void v0040AnswersReadTheSameWay() throws Exception {
        SlurmRestClient v40 = new SlurmRestClient(java.net.URI.create(slurmrestd.baseUrl()), new SlurmTokens(new byte[32], "cyberplaza-hpc",
                CLOCK), Duration.ofSeconds(5), SlurmDialect.of("v0.0.40"));
        try (v40) {
            SlurmProvisioner older = new SlurmProvisioner(v40, new SlurmSite(java.net.URI.create(slurmrestd.baseUrl()), "v0.0.40",
                    "cyberplaza-hpc", "compute", 128, false, output, 1024), SlurmApplication.standard(), new byte[32], CLOCK);
            answer("GET", "/slurm/v0.0.40/job/5000", 200, recorded40("jobs-array-5000.json"));
            answer("GET", "/slurmdb/v0.0.40/job/5000", 200, recorded40("db-job-5000.json"));
            Resource array = older.describe("slurm/order-abc/5000").orElseThrow();
            assertThat(array.status()).isEqualTo(ResourceStatus.RUNNING);
            assertThat(array.unitSeconds()).as("31 s on the completed task's 2 cores; the failed node's task bills nothing").isEqualTo(62);
            assertThat(array.detail()).contains("1 pending").contains("1 ended by a fault of the cluster");

            answer("GET", "/slurm/v0.0.40/job/4242", 200, recorded40("job-4242.json"));
            answer("GET", "/slurmdb/v0.0.40/job/4242", 404, recorded40("error-response.json"));
            Resource failed = older.describe("slurm/order-4242/4242").orElseThrow();
            assertThat(failed.status()).isEqualTo(ResourceStatus.SUCCEEDED);
            assertThat(failed.exitCode()).isEqualTo(3);
        }
    }

    private static String recorded40(String name) throws IOException {
        try (InputStream in = SlurmRecordedAnswersTest.class.getResourceAsStream("/slurmrestd/v0.0.40/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void statesAreTheBaseStateOfTheirListAndNumbersMayBeUnset() throws Exception {
        assertThat(SlurmV0040.state(JSON.readTree("[\"COMPLETING\", \"RUNNING\"]"))).isEqualTo("RUNNING");
        assertThat(SlurmV0040.state(JSON.readTree("[\"PENDING\", \"REQUEUED\"]"))).isEqualTo("PENDING");
        assertThat(SlurmV0040.state(JSON.readTree("\"FAILED\""))).isEqualTo("FAILED");
        assertThat(SlurmV0040.number(JSON.readTree("{\"set\": false, \"infinite\": false, \"number\": 0}"), -1)).isEqualTo(-1);
        assertThat(SlurmV0040.number(JSON.readTree("{\"set\": true, \"infinite\": true, \"number\": 0}"), -1)).isEqualTo(-1);
        assertThat(SlurmV0040.number(JSON.readTree("{\"set\": true, \"infinite\": false, \"number\": 42}"), -1)).isEqualTo(42);
        assertThat(SlurmV0040.number(JSON.readTree("42"), -1)).isEqualTo(42);
    }
}
