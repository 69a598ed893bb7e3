package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.contracts.ComputeEscrow;
import io.cyberplaza.core.secret.SecretStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.Credentials;

import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Disputes and the settlement watchdog on the whole local stack: the API, the watcher and the
 * meter on their schedules, the escrow on Hardhat.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisputeEndToEndTest {
    private static final long USDC = 1_000_000L;
    /** ComputeEscrow.Status, in the contract's order. */
    private static final int FROZEN = 4;
    private static final int RESOLVED = 5;

    private LocalMarketplace stack;
    private DisputeWalkthrough walkthrough;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("cyberplaza.contracts.dir", "../../contracts")).getParent();
        stack = LeakWatch.watch(LocalMarketplace.start(root, Files.createTempDirectory("cyberplaza-disputes"), LocalMarketplace.Options.runner()));
        walkthrough = new DisputeWalkthrough(stack.info(), stack.node().web3j(), new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    void stop() {
        if (stack != null) stack.close();
    }

    @Test
    void theOwnerDisputesTheProviderAnswersAndAnOperatorsSeventyPercentIsTheChainsSplit() throws Exception {
        DisputeWalkthrough.Settled settled = walkthrough.settledOrder();
        ObjectNode summary = walkthrough.disputeAndResolve(settled, 7_000);

        long held = Long.parseLong(summary.path("heldPayout").asText());
        assertThat(summary.path("state").asText()).isEqualTo("RESOLVED");
        assertThat(held).isEqualTo(settled.order().path("settlement").path("providerPayout").asLong()).isPositive();
        assertThat(Long.parseLong(summary.path("toProvider").asText())).isEqualTo(held * 7_000 / 10_000);
        assertThat(Long.parseLong(summary.path("toProvider").asText()) + Long.parseLong(summary.path("toOwner").asText())).isEqualTo(held);
        assertThat(summary.path("resolutionTx").asText()).matches("0x[0-9a-f]{64}");
        BuyerClient buyer = settled.buyer();
        assertThat(buyer.get(settled.orderId()).path("state").asText()).isEqualTo("RESOLVED");
        ComputeEscrow.Order onChain = buyer.escrow().orderOf(buyer.address, OrderIds.toBytes32(settled.orderId())).send();
        assertThat(onChain.status.intValueExact()).isEqualTo(RESOLVED);
        assertThat(onChain.amount.longValueExact()).isEqualTo(Long.parseLong(summary.path("toProvider").asText()));

        // The provider sees the dispute and its payout as the escrow holds it.
        BuyerClient provider = new BuyerClient(stack.info(), stack.node().web3j(), DevAccounts.LOCAL_PROVIDER, USDC);
        JsonNode disputes = DisputeWalkthrough.expect(provider.call("GET", "/providers/me/disputes", null), 200);
        assertThat(disputes.findValuesAsText("disputeId")).contains(summary.path("disputeId").asText());
        JsonNode payouts = DisputeWalkthrough.expect(provider.call("GET", "/providers/me/payouts", null), 200);
        JsonNode payout = findBy(payouts, "orderId", settled.orderId());
        assertThat(payout.path("status").asText()).isEqualTo("RELEASED");
        assertThat(payout.path("amount").asText()).isEqualTo(summary.path("toProvider").asText());

        // A second dispute over the same order is the same dispute; a stranger sees nothing of it.
        JsonNode again = DisputeWalkthrough.expect(buyer.call("POST", "/orders/" + settled.orderId() + "/disputes",
                Map.of("reason", "again")), 201);
        assertThat(again.path("state").asText()).isEqualTo("RESOLVED");
        BuyerClient stranger = new BuyerClient(stack.info(), stack.node().web3j(), USDC);
        assertThat(stranger.call("GET", "/disputes/" + summary.path("disputeId").asText(), null).status()).isEqualTo(404);
        assertThat(stranger.call("POST", "/operator/disputes/" + summary.path("disputeId").asText() + "/resolution",
                Map.of("providerShareBps", 0)).status()).isEqualTo(403);
    }

    @Test
    void aSettlementMadeWithTheSettlersStolenKeyIsFrozenBeforeItsReleaseAndCanNeverBeWithdrawn() throws Exception {
        BuyerClient buyer = new BuyerClient(stack.info(), stack.node().web3j(), 20 * USDC);
        JsonNode order = buyer.order(120, "hold", Map.of("seconds", "600"));
        String orderId = order.path("orderId").asText();
        buyer.payWithPermit(order);
        long deposit = order.path("escrow").path("amount").asLong();

        // The thief has the settler's key, read where the functions read it, and an address of their own.
        Credentials settlerKey = Credentials.create(stack.secret(SecretStore.SETTLER_KEY));
        Credentials thief = stack.node().newFundedAccount();
        EscrowDeployer deployer = stack.deployer();
        ComputeEscrow asSettler = ComputeEscrow.load(stack.info().escrow(), stack.node().web3j(), deployer.transactionManager(settlerKey),
                deployer.gasProvider());
        byte[] ref = OrderIds.toBytes32(orderId);
        awaitChain(() -> asSettler.orderOf(buyer.address, ref).send().amount.longValueExact() == deposit, "the deposit");
        asSettler.settle(List.of(new ComputeEscrow.Settlement(buyer.address, ref, thief.getAddress(), BigInteger.valueOf(deposit),
                BigInteger.ZERO, BigInteger.ZERO))).send();

        awaitChain(() -> asSettler.orderOf(buyer.address, ref).send().status.intValueExact() == FROZEN, "the guardian's freeze");
        String metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(stack.info().api() + "/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("cyberplaza_alerts_total{kind=\"unrecorded-settlement\"");

        // Past the hold the thief still cannot withdraw it.
        stack.node().rpc("evm_increaseTime", Duration.ofDays(2).toSeconds());
        stack.node().rpc("evm_mine");
        ComputeEscrow asThief = ComputeEscrow.load(stack.info().escrow(), stack.node().web3j(), deployer.transactionManager(thief),
                deployer.gasProvider());
        byte[] key = asThief.keyOf(buyer.address, ref).send();
        assertThatThrownBy(() -> asThief.withdrawPayouts(List.of(key)).send()).hasMessageContaining("revert");
        assertThat(buyer.usdc().balanceOf(thief.getAddress()).send()).isZero();
        // The dispute is the operators' to resolve: everything back to the owner.
        BuyerClient operator = new BuyerClient(stack.info(), stack.node().web3j(), DevAccounts.ADMIN, USDC);
        awaitChain(() -> DisputeWalkthrough.expect(operator.call("GET", "/operator/disputes", null), 200)
                .findValuesAsText("orderId").contains(orderId), "the freeze to be confirmed and recorded");
        JsonNode frozen = DisputeWalkthrough.expect(operator.call("GET", "/operator/disputes", null), 200);
        assertThat(findBy(frozen, "orderId", orderId).path("openedBy").asText()).isEqualTo("GUARDIAN");
        assertThat(findBy(frozen, "orderId", orderId).path("state").asText()).isEqualTo("OPEN");
    }

    private static JsonNode findBy(JsonNode array, String field, String value) {
        for (JsonNode node : array) if (node.path(field).asText().equals(value)) return node;
        throw new AssertionError("no element with " + field + " " + value + " in " + array);
    }

    private interface ChainCheck {
        boolean holds() throws Exception;
    }

    private static void awaitChain(ChainCheck check, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            if (check.holds()) return;
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
