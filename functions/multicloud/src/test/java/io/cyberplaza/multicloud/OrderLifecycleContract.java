package io.cyberplaza.multicloud;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.local.BuyerClient;
import io.cyberplaza.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
        assertThat(escrow.orderOf(id).send().balance).isZero();
        assertThat(escrow.payoutOf(id).send().amount.longValueExact()).isEqualTo(PROVIDER_PAYOUT);
        assertThat(escrow.refundOf(buyer.address).send().longValueExact()).isEqualTo(REFUND);
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
