package io.cyberplaza.chain.contracts;

import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.cyberplaza.chain.testing.EscrowFixture.selector;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of deposits, top-ups, settlements (valid and broken), withdrawals, reclaims and
 * time jumps. After every step the escrow's USDC balance must equal what it still owes, and a
 * model of every balance kept here must agree with the contract's views.
 */
@ExtendWith(HardhatExtension.class)
class EscrowConservationFuzzTest {
    private static final int STEPS = 160;
    private static final long SEED = Long.getLong("fuzz.seed", 20261124L);

    private record Model(Map<String, Long> orderBalance, Map<String, Credentials> orderPayer, Map<String, Boolean> open,
                         Map<String, Long> refunds, Map<String, Long> payouts, Map<String, Credentials> payoutProvider,
                         Map<String, Long> releaseAt, long[] fees) {
        long owed() {
            long total = fees[0];
            for (long v : orderBalance.values()) total += v;
            for (long v : refunds.values()) total += v;
            for (long v : payouts.values()) total += v;
            return total;
        }
    }

    @Test
    void theEscrowAlwaysHoldsExactlyWhatItOwes(LocalChain chain) throws Exception {
        EscrowFixture f = new EscrowFixture(chain);
        Random random = new Random(SEED);
        List<Credentials> payers = new ArrayList<>();
        for (int i = 0; i < 4; i++) payers.add(f.fundedPayer(1_000_000_000L));
        List<Credentials> providers = List.of(chain.newAccount(), chain.newAccount());
        for (Credentials payer : payers) f.usdcAs(payer).approve(f.deployment.escrow(), BigInteger.TEN.pow(30)).send();

        Model m = new Model(new LinkedHashMap<>(), new HashMap<>(), new LinkedHashMap<>(), new HashMap<>(), new HashMap<>(),
                new HashMap<>(), new HashMap<>(), new long[1]);
        Map<String, Integer> done = new LinkedHashMap<>();

        for (int step = 0; step < STEPS; step++) {
            int action = random.nextInt(100);
            List<String> openOrders = m.open().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
            String kind;
            if (action < 25 || openOrders.isEmpty()) {
                kind = "deposit";
                Credentials payer = payers.get(random.nextInt(payers.size()));
                String orderId = EscrowFixture.newOrderId();
                long amount = 1 + random.nextInt(50_000_000);
                f.escrowAs(payer).deposit(OrderIds.toBytes32(orderId), BigInteger.valueOf(amount)).send();
                m.orderBalance().put(orderId, amount);
                m.orderPayer().put(orderId, payer);
                m.open().put(orderId, true);
            } else if (action < 35) {
                kind = "top-up";
                String orderId = openOrders.get(random.nextInt(openOrders.size()));
                long amount = 1 + random.nextInt(5_000_000);
                f.escrowAs(m.orderPayer().get(orderId)).deposit(OrderIds.toBytes32(orderId), BigInteger.valueOf(amount)).send();
                m.orderBalance().merge(orderId, amount, Long::sum);
            } else if (action < 60) {
                kind = "settle";
                List<ComputeEscrow.Settlement> batch = new ArrayList<>();
                List<String> picked = new ArrayList<>(openOrders);
                java.util.Collections.shuffle(picked, random);
                picked = picked.subList(0, 1 + random.nextInt(Math.min(5, picked.size())));
                long release = chain.latestTimestamp() + random.nextInt(3) * 3_600L;
                for (String orderId : picked) {
                    long balance = m.orderBalance().get(orderId);
                    long cost = random.nextLong(balance + 1);
                    long fee = cost * (200 + random.nextInt(301)) / 10_000;
                    Credentials provider = providers.get(random.nextInt(providers.size()));
                    batch.add(f.settlement(orderId, provider, cost - fee, fee, balance - cost, release));
                    m.orderBalance().put(orderId, 0L);
                    m.open().put(orderId, false);
                    m.refunds().merge(m.orderPayer().get(orderId).getAddress(), balance - cost, Long::sum);
                    if (cost - fee > 0) {
                        m.payouts().put(orderId, cost - fee);
                        m.payoutProvider().put(orderId, provider);
                        m.releaseAt().put(orderId, release);
                    }
                    m.fees()[0] += fee;
                }
                f.escrowAs(f.settler).settle(batch).send();
            } else if (action < 67) {
                kind = "broken-settle";
                String orderId = openOrders.get(random.nextInt(openOrders.size()));
                long balance = m.orderBalance().get(orderId);
                long off = random.nextBoolean() ? 1 : -1;
                String data = f.escrowAs(f.settler).settle(List.of(f.settlement(orderId, providers.getFirst(),
                        Math.max(0, balance - 1 + off), 0, 1, 0))).encodeFunctionCall();
                assertThat(f.revertSelector(f.settler, f.deployment.escrow(), data))
                        .isEqualTo(selector(ComputeEscrow.SETTLEMENTMISMATCH_ERROR));
            } else if (action < 77) {
                kind = "withdraw-refund";
                Credentials payer = payers.get(random.nextInt(payers.size()));
                if (m.refunds().getOrDefault(payer.getAddress(), 0L) > 0) {
                    f.escrowAs(payer).withdrawRefund().send();
                    m.refunds().put(payer.getAddress(), 0L);
                }
            } else if (action < 87) {
                kind = "withdraw-payouts";
                Credentials provider = providers.get(random.nextInt(providers.size()));
                long now = chain.latestTimestamp() + 1; // the next block's time is at least this
                List<byte[]> released = new ArrayList<>();
                for (var entry : m.payouts().entrySet()) {
                    if (entry.getValue() > 0 && m.payoutProvider().get(entry.getKey()) == provider
                            && m.releaseAt().get(entry.getKey()) <= now) {
                        released.add(OrderIds.toBytes32(entry.getKey()));
                    }
                }
                if (!released.isEmpty()) {
                    f.escrowAs(provider).withdrawPayouts(released).send();
                    released.forEach(id -> m.payouts().put(OrderIds.fromBytes32(id), 0L));
                }
            } else if (action < 92) {
                kind = "withdraw-fees";
                if (m.fees()[0] > 0) {
                    f.escrowAs(f.treasury).withdrawFees().send();
                    m.fees()[0] = 0;
                }
            } else if (action < 97) {
                kind = "time";
                chain.advanceTime(Duration.ofMinutes(30 + random.nextInt(120)));
            } else {
                kind = "reclaim";
                chain.advanceTime(EscrowFixture.RECLAIM_DELAY);
                String orderId = openOrders.get(random.nextInt(openOrders.size()));
                f.escrowAs(m.orderPayer().get(orderId)).reclaim(OrderIds.toBytes32(orderId)).send();
                m.orderBalance().put(orderId, 0L);
                m.open().put(orderId, false);
            }
            done.merge(kind, 1, Integer::sum);
            assertThat(f.escrowUsdcBalance()).as("step %d (%s), seed %d", step, kind, SEED)
                    .isEqualTo(BigInteger.valueOf(m.owed()));
        }

        // The model and the contract agree on every individual balance, not only on the total.
        ComputeEscrow view = f.escrowAs(f.admin);
        for (String orderId : m.orderBalance().keySet()) {
            byte[] id = OrderIds.toBytes32(orderId);
            assertThat(view.orderOf(id).send().balance.longValueExact()).isEqualTo(m.orderBalance().get(orderId));
            assertThat(view.payoutOf(id).send().amount.longValueExact()).isEqualTo(m.payouts().getOrDefault(orderId, 0L));
        }
        for (Credentials payer : payers) {
            assertThat(view.refundOf(payer.getAddress()).send().longValueExact())
                    .isEqualTo(m.refunds().getOrDefault(payer.getAddress(), 0L));
        }
        assertThat(view.accruedFees().send().longValueExact()).isEqualTo(m.fees()[0]);
        assertThat(done.keySet()).as("the run exercised every kind of step: %s", done)
                .contains("deposit", "top-up", "settle", "broken-settle", "withdraw-refund", "withdraw-payouts");
    }
}
