package io.cyberplaza.provisioner.local;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real child processes: the catalog's workloads run, are limited, measured and stopped. */
class LocalProcessProvisionerTest {
    @TempDir
    Path root;

    private LocalProcessProvisioner provisioner;

    private LocalProcessProvisioner provisioner() {
        if (provisioner == null) provisioner = new LocalProcessProvisioner(root, ApplicationCatalog.standard(), Clock.systemUTC());
        return provisioner;
    }

    @AfterEach
    void stopEverything() {
        if (provisioner != null) provisioner.listOwned().forEach(r -> provisioner.stop(r.resourceId()));
    }

    private static LaunchRequest request(String template, Map<String, String> parameters, Duration limit) {
        return new LaunchRequest("0x" + "ab".repeat(32), "local-cpu", template, parameters, 1, limit,
                Map.of("cyberplaza:order", "0x" + "ab".repeat(32)));
    }

    private Resource awaitEnd(String resourceId) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Resource resource = provisioner().describe(resourceId).orElseThrow();
            if (!resource.status().isActive()) return resource;
            Thread.sleep(50);
        }
        throw new AssertionError(resourceId + " did not end");
    }

    @Test
    void aWorkloadThatEndedIsNotTakenForLostWhileItsExitIsStillBeingRecorded() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        // The watcher reads the clock to stamp the exit record: holding it there is a machine too busy to write it yet.
        Clock slowWatcher = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                if (Thread.currentThread().getName().startsWith("local-process-watch-")) {
                    try {
                        release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return Instant.now();
            }
        };
        provisioner = new LocalProcessProvisioner(root, ApplicationCatalog.standard(), slowWatcher);
        try {
            Resource launched = provisioner.launch(request("hold", Map.of("seconds", "1"), Duration.ofMinutes(1)), "order-slow");
            Resource ended = awaitEnd(launched.resourceId());
            assertThat(ended.status()).as("a workload that exited 0, not one the machine lost").isEqualTo(ResourceStatus.SUCCEEDED);
            assertThat(ended.exitCode()).isZero();
            assertThat(ended.usedSeconds()).isPositive();
        } finally {
            release.countDown();
        }
    }

    @Test
    void thePrimeSieveDoesRealWorkAndItsResultIsKept() throws Exception {
        Resource launched = provisioner().launch(request("prime-sieve", Map.of("limit", "100000", "rounds", "30"),
                Duration.ofMinutes(5)), "order-1");
        assertThat(launched.status()).isEqualTo(ResourceStatus.RUNNING);

        Resource done = awaitEnd(launched.resourceId());
        assertThat(done.status()).isEqualTo(ResourceStatus.SUCCEEDED);
        assertThat(done.exitCode()).isZero();
        assertThat(done.cpuMillis()).isPositive();
        assertThat(done.endedAt()).isAfterOrEqualTo(done.startedAt());
        String result = new String(provisioner().result(launched.resourceId()).orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(result).contains("primes=9592", "largest=99991");
    }

    @Test
    void theHashChainsResultCanBeCheckedIndependently() throws Exception {
        Resource launched = provisioner().launch(request("sha256-chain", Map.of("seed", "abc", "rounds", "2"),
                Duration.ofMinutes(1)), "order-2");
        awaitEnd(launched.resourceId());
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] expected = sha.digest(sha.digest("abc".getBytes(StandardCharsets.UTF_8)));
        String result = new String(provisioner().result(launched.resourceId()).orElseThrow().content(), StandardCharsets.UTF_8);
        assertThat(result).contains("digest=" + java.util.HexFormat.of().formatHex(expected));
    }

    @Test
    void launchingTwiceWithTheSameKeyStartsOneProcess() {
        LaunchRequest hold = request("hold", Map.of("seconds", "30"), Duration.ofMinutes(1));
        Resource first = provisioner().launch(hold, "order-3");
        Resource second = provisioner().launch(hold, "order-3");
        assertThat(second.resourceId()).isEqualTo(first.resourceId());
        assertThat(provisioner().listOwned()).hasSize(1);
        // A restarted runner finds it too.
        LocalProcessProvisioner restarted = new LocalProcessProvisioner(root, ApplicationCatalog.standard(), Clock.systemUTC());
        assertThat(restarted.launch(hold, "order-3").resourceId()).isEqualTo(first.resourceId());
        assertThat(restarted.describe(first.resourceId()).orElseThrow().status()).isEqualTo(ResourceStatus.RUNNING);
    }

    @Test
    void theWorkloadIsStoppedAtThePurchasedTime() throws Exception {
        Resource launched = provisioner().launch(request("hold", Map.of("seconds", "600"), Duration.ofSeconds(2)), "order-4");
        Resource done = awaitEnd(launched.resourceId());
        assertThat(done.status()).isEqualTo(ResourceStatus.STOPPED);
        assertThat(done.usedSeconds()).isBetween(2L, 10L);
        assertThat(provisioner().result(launched.resourceId())).isEmpty();
    }

    @Test
    void aStopEndsTheProcessAndIsIdempotent() {
        Resource launched = provisioner().launch(request("hold", Map.of("seconds", "600"), Duration.ofMinutes(10)), "order-5");
        long pid = Long.parseLong(readLaunchProperty(launched.resourceId(), "pid"));
        provisioner().stop(launched.resourceId());
        provisioner().stop(launched.resourceId());
        Resource stopped = provisioner().describe(launched.resourceId()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(ResourceStatus.STOPPED);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void onlyCatalogTemplatesWithValidParametersRun() {
        List<LaunchRequest> refused = List.of(
                request("bash", Map.of(), Duration.ofMinutes(1)),
                request("prime-sieve", Map.of("limit", "1; rm -rf /"), Duration.ofMinutes(1)),
                request("prime-sieve", Map.of("limit", "999999999999"), Duration.ofMinutes(1)),
                request("prime-sieve", Map.of("command", "id"), Duration.ofMinutes(1)),
                request("sha256-chain", Map.of("seed", "$(id)"), Duration.ofMinutes(1)));
        for (LaunchRequest bad : refused) {
            assertThatThrownBy(() -> provisioner().launch(bad, "order-bad"))
                    .isInstanceOfSatisfying(ProvisionException.class,
                            e -> assertThat(e.reason()).isEqualTo(ProvisionException.Reason.INVALID));
        }
        assertThat(provisioner().listOwned()).isEmpty();
        assertThatThrownBy(() -> provisioner().launch(request("hold", Map.of(), Duration.ofMinutes(1)), "../escape"))
                .isInstanceOf(ProvisionException.class);
    }

    private String readLaunchProperty(String resourceId, String name) {
        try (var reader = Files.newBufferedReader(root.resolve(resourceId).resolve("launch.properties"))) {
            var properties = new java.util.Properties();
            properties.load(reader);
            return properties.getProperty(name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
