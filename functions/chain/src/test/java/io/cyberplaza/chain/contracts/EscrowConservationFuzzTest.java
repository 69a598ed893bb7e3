package io.cyberplaza.chain.contracts;

import io.cyberplaza.chain.OrderIds;
import io.cyberplaza.chain.testing.EscrowFixture;
import io.cyberplaza.chain.testing.HardhatExtension;
import io.cyberplaza.chain.testing.LocalChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of every entry point from random actors, attackers among them: owners, sponsors,
 * squatters paying into other people's ids, top-ups at any moment (after a split too), settlements
 * valid and broken (a settler paying strangers, over-charging, fees over the cap), disputes by anyone,
 * freezes, resolutions, withdrawals by anyone of anything, reclaims, pauses and time jumps. After every
 * call, whether it went through or was refused, the escrow's USDC balance must equal what its own
 * books say it owes: every order's slot, every refund, the fees and the insurance reserve.
 */
@ExtendWith(HardhatExtension.class)
class EscrowConservationFuzzTest {
    private static final int STEPS = Integer.getInteger("fuzz.steps", 240);
    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);

    private record Ref(Credentials owner, String orderId) {
        byte[] key() {
            return OrderIds.escrowKey(owner.getAddress(), orderId);
        }
    }

    @Test
    void theEscrowAlwaysHoldsExactlyWhatItOwesWhateverAnyoneCalls(LocalChain chain) throws Exception {
        EscrowFixture f = new EscrowFixture(chain);
        Random random = new Random(SEED);
        List<Credentials> actors = new ArrayList<>();
        for (int i = 0; i < 6; i++) actors.add(f.fundedPayer(1_000_000_000_000L));
        for (Credentials actor : actors) f.usdcAs(actor).approve(f.deployment.escrow(), BigInteger.TEN.pow(30)).send();
        List<Credentials> callers = new ArrayList<>(actors);
        callers.addAll(List.of(f.settler, f.guardian, f.arbiter));

        List<Ref> refs = new ArrayList<>();
        Set<String> everyone = new LinkedHashSet<>();
        actors.forEach(a -> everyone.add(a.getAddress()));
        Map<String, int[]> outcomes = new LinkedHashMap<>();
        boolean paused = false;

        for (int step = 0; step < STEPS; step++) {
            if (paused && random.nextInt(4) == 0) {
                // A pause lasts a few calls, long enough for every call to meet it, short enough for the rest to run.
                f.governEscrow(f.escrowAs(f.admin).unpause().encodeFunctionCall(), "unpause " + step);
                paused = false;
                outcomes.computeIfAbsent("unpause", k -> new int[2])[0]++;
            }
            int action = random.nextInt(100);
            Credentials actor = actors.get(random.nextInt(actors.size()));
            Ref existing = refs.isEmpty() ? null : refs.get(random.nextInt(refs.size()));
            String kind;
            RemoteFunctionCall<TransactionReceipt> call;
            if (action < 22 || existing == null) {
                // A new order, its owner's or (a squat) someone else's id under the actor's own key.
                kind = "deposit-new";
                Ref ref = existing != null && random.nextInt(4) == 0 ? new Ref(actor, existing.orderId())
                        : new Ref(actors.get(random.nextInt(actors.size())), EscrowFixture.newOrderId());
                refs.add(ref);
                call = f.escrowAs(actor).deposit(ref.owner().getAddress(), OrderIds.toBytes32(ref.orderId()),
                        BigInteger.valueOf(1 + random.nextInt(60_000_000)));
            } else if (action < 34) {
                kind = "deposit-any"; // top-ups and foreign deposits at any moment, closed orders included
                call = f.escrowAs(actor).deposit(existing.owner().getAddress(), OrderIds.toBytes32(existing.orderId()),
                        BigInteger.valueOf(1 + random.nextInt(5_000_000)));
            } else if (action < 52) {
                kind = "settle";
                List<ComputeEscrow.Settlement> batch = new ArrayList<>();
                int size = 1 + random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    Ref ref = refs.get(random.nextInt(refs.size()));
                    long balance = f.escrowAs(f.admin).orderAt(ref.key()).send().amount.longValueExact();
                    long charge = random.nextInt(5) == 0 ? balance + 1 + random.nextInt(1_000) : random.nextLong(balance + 1);
                    long fee = random.nextInt(6) == 0 ? charge / 2 : charge * (200 + random.nextInt(301)) / 10_000;
                    Credentials payee = random.nextInt(5) == 0 ? actors.get(random.nextInt(actors.size())) : f.treasury;
                    long release = random.nextBoolean() ? 0 : chain.latestTimestamp() + random.nextInt(200_000);
                    batch.add(f.settlement(ref.orderId(), ref.owner(), random.nextInt(10) == 0 ? null : payee, charge - fee, fee, release));
                }
                everyone.add(f.treasury.getAddress());
                call = f.escrowAs(random.nextInt(8) == 0 ? actor : f.settler).settle(batch);
            } else if (action < 60) {
                kind = "dispute";
                Ref target = existing;
                long now = chain.latestTimestamp();
                for (Ref ref : refs) {
                    var slot = f.escrowAs(f.admin).orderAt(ref.key()).send();
                    // Mostly a payout still inside its dispute window.
                    if (slot.status.intValueExact() == HELD && slot.deadline.longValueExact() > now + 60 && random.nextInt(3) > 0) target = ref;
                }
                call = random.nextInt(3) == 0
                        ? f.escrowAs(f.settler).openDisputeFor(target.owner().getAddress(), OrderIds.toBytes32(target.orderId()))
                        : f.escrowAs(random.nextInt(4) > 0 ? target.owner() : actor).openDispute(OrderIds.toBytes32(target.orderId()));
            } else if (action < 65) {
                kind = "freeze";
                Ref target = pick(f, refs, random, existing, HELD);
                call = f.escrowAs(random.nextInt(4) > 0 ? f.guardian : actor).freeze(target.owner().getAddress(),
                        OrderIds.toBytes32(target.orderId()));
            } else if (action < 72) {
                kind = "resolve";
                existing = pick(f, refs, random, existing, DISPUTED, FROZEN);
                long held = f.escrowAs(f.admin).orderAt(existing.key()).send().amount.longValueExact();
                long toProvider = random.nextInt(5) == 0 ? held + 1 : random.nextLong(held + 1);
                call = f.escrowAs(random.nextBoolean() ? f.arbiter : callers.get(random.nextInt(callers.size())))
                        .resolve(existing.owner().getAddress(), OrderIds.toBytes32(existing.orderId()), BigInteger.valueOf(toProvider));
            } else if (action < 78) {
                kind = "withdraw-refund";
                call = f.escrowAs(callers.get(random.nextInt(callers.size()))).withdrawRefund();
            } else if (action < 85) {
                kind = "withdraw-payouts";
                if (random.nextBoolean()) chain.advanceTime(EscrowFixture.MIN_DISPUTE_WINDOW);
                Ref target = pick(f, refs, random, existing, HELD, RESOLVED);
                String payee = f.escrowAs(f.admin).orderAt(target.key()).send().provider;
                Credentials who = random.nextInt(4) > 0 ? callers.stream().filter(c -> c.getAddress().equalsIgnoreCase(payee))
                        .findFirst().orElse(f.treasury.getAddress().equalsIgnoreCase(payee) ? f.treasury : actor) : actor;
                List<byte[]> keys = new ArrayList<>(List.of(target.key()));
                for (int i = 0; i < random.nextInt(3); i++) keys.add(refs.get(random.nextInt(refs.size())).key());
                call = f.escrowAs(who).withdrawPayouts(keys);
            } else if (action < 88) {
                kind = "withdraw-fees";
                call = f.escrowAs(actor).withdrawFees();
            } else if (action < 92) {
                kind = "reclaim";
                if (random.nextBoolean()) chain.advanceTime(EscrowFixture.RECLAIM_DELAY);
                Ref target = pick(f, refs, random, existing, FUNDED);
                call = f.escrowAs(random.nextInt(4) > 0 ? target.owner() : actor).reclaim(OrderIds.toBytes32(target.orderId()));
            } else if (action < 94) {
                kind = "pause";
                call = f.escrowAs(random.nextInt(4) > 0 ? f.guardian : actor).pause();
            } else {
                kind = "time";
                chain.advanceTime(Duration.ofHours(1 + random.nextInt(random.nextInt(10) == 0 ? 24 * 31 : 48)));
                outcomes.computeIfAbsent(kind, k -> new int[2])[0]++;
                assertBalanced(f, refs, everyone, step, kind);
                continue;
            }
            boolean done;
            try {
                done = call.send().isStatusOK();
            } catch (Exception refused) {
                done = false;
            }
            if (done && kind.equals("pause")) paused = true;
            outcomes.computeIfAbsent(kind, k -> new int[2])[done ? 0 : 1]++;
            assertBalanced(f, refs, everyone, step, kind);
        }
        if (paused) f.governEscrow(f.escrowAs(f.admin).unpause().encodeFunctionCall(), "unpause at the end");

        Map<String, String> summary = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> summary.put(k, v[0] + " done, " + v[1] + " refused"));
        System.out.printf("escrow invariant run: %d calls from %d actors and the 3 role keys, seed %d: %s%n", STEPS, actors.size(), SEED,
                summary);
        for (String kind : List.of("deposit-new", "deposit-any", "settle", "dispute", "freeze", "resolve", "withdraw-refund",
                "withdraw-payouts", "reclaim", "pause")) {
            assertThat(outcomes.getOrDefault(kind, new int[2])[0]).as("the run carried out some %s: %s", kind, summary).isPositive();
        }
    }

    private static final int FUNDED = 1;
    private static final int HELD = 2;
    private static final int DISPUTED = 3;
    private static final int FROZEN = 4;
    private static final int RESOLVED = 5;

    /** Mostly an order whose slot is in one of {@code statuses} now (read from the escrow), else {@code fallback}. */
    private static Ref pick(EscrowFixture f, List<Ref> refs, Random random, Ref fallback, int... statuses) throws Exception {
        if (random.nextInt(5) == 0) return fallback;
        List<Ref> matching = new ArrayList<>();
        for (Ref ref : refs) {
            int status = f.escrowAs(f.admin).orderAt(ref.key()).send().status.intValueExact();
            for (int wanted : statuses) if (status == wanted) matching.add(ref);
        }
        return matching.isEmpty() ? fallback : matching.get(random.nextInt(matching.size()));
    }

    /** Balance equals what the escrow's own views say it owes, for every order and every party the run ever touched. */
    private static void assertBalanced(EscrowFixture f, List<Ref> refs, Set<String> parties, int step, String kind) throws Exception {
        ComputeEscrow view = f.escrowAs(f.admin);
        BigInteger owed = view.accruedFees().send().add(view.insuranceReserve().send());
        Set<String> seen = new LinkedHashSet<>();
        for (Ref ref : refs) {
            if (seen.add(ref.owner().getAddress() + ref.orderId())) owed = owed.add(view.orderAt(ref.key()).send().amount);
        }
        for (String party : parties) owed = owed.add(view.refundOf(party).send());
        assertThat(f.escrowUsdcBalance()).as("step %d (%s), seed %d", step, kind, SEED).isEqualTo(owed);
    }
}
