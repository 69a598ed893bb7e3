package io.cyberplaza.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.chain.contracts.CyberPlazaToken;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.io.PrintStream;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * veCPT end to end over the public interfaces: a holder locks CPT for four years, the API shows the
 * voting power and its fee discount tier, the holder's quote and settlement charge the discounted fee,
 * the week's fees are split on chain by the schedule, and the holder claims a USDC share of them,
 * checked against the chain. The local stack's veCPT weeks last a minute.
 */
public final class VeWalkthrough {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long USDC = 1_000_000L;
    private static final BigInteger LOCKED = BigInteger.valueOf(20_000).multiply(BigInteger.TEN.pow(18));
    private static final int LOCK_WEEKS = 208;
    /** The payout's release (a minute here), the end of its fee week, the split, and the end of the week the share was paid into. */
    private static final Duration FEE_SHARE_TIMEOUT = Duration.ofMinutes(6);

    private final LocalMarketplace.Info info;
    private final Web3j web3j;
    private final PrintStream out;

    public VeWalkthrough(LocalMarketplace.Info info, Web3j web3j, PrintStream out) {
        this.info = info;
        this.web3j = web3j;
        this.out = out;
    }

    public ObjectNode demo() throws Exception {
        BuyerClient holder = new BuyerClient(info, web3j, 40 * USDC);
        // On the local stack the treasury holds the liquidity allocation; a holder would buy CPT on a market.
        EscrowDeployer chain = new EscrowDeployer(web3j, HardhatNode.CHAIN_ID);
        CyberPlazaToken.load(info.cpt(), web3j, chain.transactionManager(DevAccounts.TREASURY), chain.gasProvider())
                .transfer(holder.address, LOCKED).send();
        holder.cpt().approve(info.voteEscrow(), LOCKED).send();
        TransactionReceipt locked = holder.voteEscrow().createLock(LOCKED, BigInteger.valueOf(LOCK_WEEKS)).send();
        step("holder " + holder.address + " locked 20,000 CPT for " + LOCK_WEEKS + " weeks (" + locked.getGasUsed() + " gas)");

        JsonNode ve = expect(holder.call("GET", "/ve", null), 200);
        int tierBps = ve.path("discountBps").asInt();
        step("GET /ve: " + ve.path("votingPower").asText() + " veCPT base units, a discount of " + tierBps + " bps of the fee");
        if (tierBps == 0) throw new IllegalStateException("the lock earned no discount: " + ve);

        JsonNode quote = holder.quote("local-cpu", 120, "hold", Map.of("seconds", "600"));
        step("quote " + quote.path("quoteId").asText() + ": fee " + quote.path("feeCharged").asText() + " micro-USDC on the estimate instead of "
                + quote.path("feeWithoutDiscount").asText() + " (" + quote.path("feeDiscountBps").asInt() + " bps off)");
        if (quote.path("feeDiscountBps").asInt() != tierBps) throw new IllegalStateException("the quote did not apply the tier: " + quote);
        JsonNode order = expect(holder.call("POST", "/orders", Map.of("quoteId", quote.path("quoteId").asText())), 201);
        String orderId = order.path("orderId").asText();
        holder.payWithPermit(order);
        DisputeWalkthrough.await(holder, "/orders/" + orderId, o -> o.path("state").asText().equals("RUNNING"));
        Thread.sleep(3_000);
        holder.call("POST", "/orders/" + orderId + "/complete", null);
        JsonNode settlement = DisputeWalkthrough.await(holder, "/orders/" + orderId, o -> o.path("state").asText().equals("SETTLED"))
                .path("settlement");
        long feeCharged = settlement.path("fee").asLong();
        long feeWithoutDiscount = settlement.path("feeWithoutDiscount").asLong();
        step("settled: provider " + settlement.path("providerPayout").asText() + ", fee " + feeCharged + " instead of " + feeWithoutDiscount
                + ", refund " + settlement.path("refund").asText() + " micro-USDC; payout final at "
                + Instant.ofEpochSecond(settlement.path("releaseAt").asLong()));
        if (feeCharged >= feeWithoutDiscount) throw new IllegalStateException("the settlement charged the whole fee: " + settlement);

        BigInteger claimable = awaitFeeShare(holder);
        BigInteger before = holder.usdc().balanceOf(holder.address).send();
        TransactionReceipt claimed = holder.feeDistributor().claim(holder.address).send();
        BigInteger received = holder.usdc().balanceOf(holder.address).send().subtract(before);
        if (!received.equals(claimable)) throw new IllegalStateException("claimed " + received + " micro-USDC, not the " + claimable + " the API showed");
        step("claimed " + received + " micro-USDC of fee share in " + claimed.getTransactionHash() + " (" + claimed.getGasUsed() + " gas)");
        JsonNode after = expect(holder.call("GET", "/ve", null), 200);
        if (!after.path("claimableFees").asText().equals("0")) throw new IllegalStateException("after the claim the API still shows " + after);

        ObjectNode summary = JSON.createObjectNode();
        summary.put("lockedCpt", ve.path("locks").path(0).path("lockedCpt").asText());
        summary.put("votingPower", ve.path("votingPower").asText());
        summary.put("discountBps", tierBps);
        summary.put("feeWithoutDiscount", Long.toString(feeWithoutDiscount));
        summary.put("feeCharged", Long.toString(feeCharged));
        summary.put("feeShareClaimed", received.toString());
        return summary;
    }

    /** The holder's claimable fee share, once the split of the order's week has been paid into a week that has ended. */
    private BigInteger awaitFeeShare(BuyerClient holder) throws Exception {
        Instant deadline = Instant.now().plus(FEE_SHARE_TIMEOUT);
        step("waiting for the payout to be final, its week's fees to be split, and the week they were paid into to end");
        while (Instant.now().isBefore(deadline)) {
            JsonNode ve = expect(holder.call("GET", "/ve", null), 200);
            BigInteger claimable = new BigInteger(ve.path("claimableFees").asText());
            if (claimable.signum() > 0) return claimable;
            Thread.sleep(2_000);
        }
        throw new IllegalStateException("no fee share became claimable within " + FEE_SHARE_TIMEOUT);
    }

    private static JsonNode expect(BuyerClient.Reply reply, int status) {
        return DisputeWalkthrough.expect(reply, status);
    }

    private void step(String text) {
        out.println("• " + text);
        out.flush();
    }
}
