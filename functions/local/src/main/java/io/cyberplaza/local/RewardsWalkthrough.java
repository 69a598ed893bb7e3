package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CPT rewards end to end over the public interfaces: a buyer's orders with the local provider settle,
 * their payouts are released, the rewards schedule computes the epoch and publishes its root, and
 * one transaction claims for both the buyer and the provider with the proofs the API gives; the
 * claims are checked against the chain.
 */
public final class RewardsWalkthrough {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long USDC = 1_000_000L;
    /** A payout's release (a minute here), then its epoch's end, computation, funding and the guardian's window. */
    private static final Duration REWARDS_TIMEOUT = Duration.ofMinutes(6);

    private final LocalMarketplace.Info info;
    private final Web3j web3j;
    private final PrintStream out;

    public RewardsWalkthrough(LocalMarketplace.Info info, Web3j web3j, PrintStream out) {
        this.info = info;
        this.web3j = web3j;
        this.out = out;
    }

    public ObjectNode demo() throws Exception {
        BuyerClient buyer = new BuyerClient(info, web3j, 40 * USDC);
        BuyerClient provider = new BuyerClient(info, web3j, DevAccounts.LOCAL_PROVIDER, USDC);
        step("buyer " + buyer.address + " signed in with 40 USDC; the local provider is " + provider.address);
        long lastRelease = 0;
        for (int i = 1; i <= 2; i++) {
            JsonNode settled = settledOrder(buyer, i);
            lastRelease = Math.max(lastRelease, settled.path("settlement").path("releaseAt").asLong());
        }
        step("both payouts are final at " + Instant.ofEpochSecond(lastRelease) + "; waiting for the epoch that holds them to be claimable");

        JsonNode buyerRewards = awaitClaimable(buyer, lastRelease);
        JsonNode providerRewards = expect(provider.call("GET", "/rewards", null), 200);
        JsonNode buyerClaim = buyerRewards.path("claim");
        JsonNode providerClaim = providerRewards.path("claim");
        long epoch = buyerClaim.path("epoch").asLong();
        JsonNode published = expect(buyer.call("GET", "/rewards/epochs/" + epoch, null), 200);
        step("epoch " + epoch + " accepted with root " + published.path("root").asText() + ": " + published.path("distributed").asText()
                + " CPT base units to " + published.path("accounts").asInt() + " accounts");

        BigInteger buyerBefore = buyer.cpt().balanceOf(buyer.address).send();
        BigInteger providerBefore = buyer.cpt().balanceOf(provider.address).send();
        BigInteger providerOwed = new BigInteger(providerRewards.path("claimable").asText());
        List<String> accounts = new ArrayList<>(List.of(buyer.address));
        List<BigInteger> totals = new ArrayList<>(List.of(new BigInteger(buyerClaim.path("cumulative").asText())));
        List<List<byte[]>> proofs = new ArrayList<>(List.of(proof(buyerClaim)));
        if (providerOwed.signum() > 0) {
            accounts.add(provider.address);
            totals.add(new BigInteger(providerClaim.path("cumulative").asText()));
            proofs.add(proof(providerClaim));
        }
        // The buyer's wallet sends one transaction for both: anyone may claim for an account, so the platform can pay the gas.
        TransactionReceipt claimed = buyer.rewardsDistributor().claimMany(accounts, totals, proofs).send();
        step("claimed for the buyer and the provider in " + claimed.getTransactionHash() + " (" + claimed.getGasUsed() + " gas)");

        BigInteger buyerEarned = new BigInteger(buyerRewards.path("earned").asText());
        BigInteger buyerGot = buyer.cpt().balanceOf(buyer.address).send().subtract(buyerBefore);
        BigInteger providerGot = buyer.cpt().balanceOf(provider.address).send().subtract(providerBefore);
        if (!buyerGot.equals(buyerEarned)) throw new IllegalStateException("the buyer received " + buyerGot + " CPT base units, not " + buyerEarned);
        if (!providerGot.equals(providerOwed)) throw new IllegalStateException("the provider received " + providerGot + ", not " + providerOwed);
        JsonNode buyerAfter = expect(buyer.call("GET", "/rewards", null), 200);
        JsonNode providerAfter = expect(provider.call("GET", "/rewards", null), 200);
        for (JsonNode after : List.of(buyerAfter, providerAfter)) {
            if (!after.path("claimed").asText().equals(after.path("earned").asText()) || !after.path("claimable").asText().equals("0")) {
                throw new IllegalStateException("after the claim " + after.path("account").asText() + " still shows " + after);
            }
        }
        step("on chain: the buyer holds " + buyerGot + " and the provider received " + providerGot + " CPT base units, as the API says");

        ObjectNode summary = JSON.createObjectNode();
        summary.put("epoch", epoch);
        summary.put("root", published.path("root").asText());
        summary.set("buyer", JSON.createObjectNode().put("earned", buyerAfter.path("earned").asText()).put("claimed", buyerAfter.path("claimed").asText()));
        summary.set("provider", JSON.createObjectNode().put("earned", providerAfter.path("earned").asText())
                .put("claimed", providerAfter.path("claimed").asText()));
        summary.put("claimTx", claimed.getTransactionHash());
        return summary;
    }

    private JsonNode settledOrder(BuyerClient buyer, int n) throws Exception {
        JsonNode order = buyer.order(120, "hold", Map.of("seconds", "600"));
        String orderId = order.path("orderId").asText();
        buyer.payWithPermit(order);
        DisputeWalkthrough.await(buyer, "/orders/" + orderId, o -> o.path("state").asText().equals("RUNNING"));
        Thread.sleep(3_000);
        buyer.call("POST", "/orders/" + orderId + "/complete", null);
        JsonNode settled = DisputeWalkthrough.await(buyer, "/orders/" + orderId, o -> o.path("state").asText().equals("SETTLED"));
        JsonNode split = settled.path("settlement");
        step("order " + n + " settled: provider " + split.path("providerPayout").asText() + " + fee " + split.path("fee").asText()
                + " micro-USDC stayed spent, " + split.path("refund").asText() + " refunded");
        return settled;
    }

    /** The buyer's rewards once an accepted epoch ends after {@code releasedBy}: every order of the walkthrough is in its tree. */
    private JsonNode awaitClaimable(BuyerClient buyer, long releasedBy) throws Exception {
        String lastSeen = "";
        Instant deadline = Instant.now().plus(REWARDS_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode rewards = expect(buyer.call("GET", "/rewards", null), 200);
            JsonNode claim = rewards.path("claim");
            String seen = rewards.path("epochs").toString();
            if (!seen.equals(lastSeen)) {
                step("buyer's rewards: earned " + rewards.path("earned").asText() + ", claimable " + rewards.path("claimable").asText()
                        + " CPT base units; epochs " + seen);
                lastSeen = seen;
            }
            if (!claim.isMissingNode() && !claim.isNull()) {
                JsonNode epoch = expect(buyer.call("GET", "/rewards/epochs/" + claim.path("epoch").asLong(), null), 200);
                if (Instant.parse(epoch.path("to").asText()).getEpochSecond() > releasedBy) return rewards;
            }
            Thread.sleep(1_000);
        }
        throw new IllegalStateException("no claimable rewards for the buyer within " + REWARDS_TIMEOUT + "; last seen " + lastSeen);
    }

    private static List<byte[]> proof(JsonNode claim) {
        List<byte[]> proof = new ArrayList<>();
        claim.path("proof").forEach(hash -> proof.add(Numeric.hexStringToByteArray(hash.asText())));
        return proof;
    }

    private static JsonNode expect(BuyerClient.Reply reply, int status) {
        return DisputeWalkthrough.expect(reply, status);
    }

    private void step(String text) {
        out.println("• " + text);
        out.flush();
    }
}
