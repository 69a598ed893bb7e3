package io.cyberplaza.core.fakes;

import io.cyberplaza.core.rewards.RewardsChain;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reserve and the distributor as their contracts behave, for the rewards run: a transaction is
 * pending when sent and mined (applied, or reverted by the contract's own checks) when its outcome
 * is next asked for. Faults are injected per kind of call: refused before it is recorded, or mined
 * and reverted.
 */
public final class SimulatedRewardsChain implements RewardsChain {
    public static final String DISTRIBUTOR = "0x00000000000000000000000000000000000d1570";
    private static final String ZERO = "0x" + "0".repeat(64);

    private final Clock clock;
    private final long rootDelaySeconds;
    private final Map<Long, BigInteger> funded = new LinkedHashMap<>();
    private final Map<String, Runnable> pending = new HashMap<>();
    private final Map<String, Outcome> mined = new HashMap<>();
    private final Set<String> refuseNext = new HashSet<>();
    private final Set<String> revertNext = new HashSet<>();
    private final List<String> sent = new ArrayList<>();
    private final Map<String, BigInteger> claimed = new HashMap<>();
    private long epoch;
    private String root = ZERO;
    private long pendingEpoch;
    private String pendingRoot = ZERO;
    private long pendingClaimableAt;

    public SimulatedRewardsChain(Clock clock, long rootDelaySeconds) {
        this.clock = clock;
        this.rootDelaySeconds = rootDelaySeconds;
    }

    /** The next call of {@code kind} ("fund", "propose", "accept") is refused before it is recorded. */
    public void refuseNext(String kind) {
        refuseNext.add(kind);
    }

    /** The next call of {@code kind} is mined and reverted. */
    public void revertNext(String kind) {
        revertNext.add(kind);
    }

    /** The guardian's veto of the pending root. */
    public void revokePending() {
        if (ZERO.equals(pendingRoot)) throw new IllegalStateException("NoPendingRoot");
        pendingRoot = ZERO;
        pendingEpoch = 0;
        pendingClaimableAt = 0;
    }

    public Map<Long, BigInteger> funded() {
        return Map.copyOf(funded);
    }

    public BigInteger totalFunded() {
        return funded.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Every transaction id sent, in order (a resend of a recorded one is not a new one). */
    public List<String> sent() {
        return List.copyOf(sent);
    }

    public void recordClaim(String account, BigInteger cumulative) {
        claimed.put(account, cumulative);
    }

    @Override
    public synchronized boolean isFunded(long epoch) {
        return funded.containsKey(epoch);
    }

    @Override
    public synchronized Distributor distributor() {
        return new Distributor(epoch, root, pendingEpoch, pendingRoot, pendingClaimableAt);
    }

    @Override
    public BigInteger claimed(String account) {
        return claimed.getOrDefault(account, BigInteger.ZERO);
    }

    @Override
    public String distributorAddress() {
        return DISTRIBUTOR;
    }

    @Override
    public synchronized void fund(String txId, long forEpoch, BigInteger amount) {
        send("fund", txId, () -> {
            if (funded.containsKey(forEpoch)) throw new IllegalStateException("EpochAlreadyFunded");
            funded.put(forEpoch, amount);
        });
    }

    @Override
    public synchronized void propose(String txId, long forEpoch, String newRoot) {
        send("propose", txId, () -> {
            if (!ZERO.equals(pendingRoot)) {
                if (pendingEpoch == forEpoch && pendingRoot.equals(newRoot)) return;
                throw new IllegalStateException("RootPending");
            }
            if (forEpoch <= epoch) throw new IllegalStateException("EpochNotNewer");
            pendingRoot = newRoot;
            pendingEpoch = forEpoch;
            pendingClaimableAt = clock.instant().getEpochSecond() + rootDelaySeconds;
        });
    }

    @Override
    public synchronized void accept(String txId) {
        send("accept", txId, () -> {
            if (ZERO.equals(pendingRoot)) throw new IllegalStateException("NoPendingRoot");
            if (clock.instant().getEpochSecond() < pendingClaimableAt) throw new IllegalStateException("RootNotYetClaimable");
            root = pendingRoot;
            epoch = pendingEpoch;
            pendingRoot = ZERO;
            pendingEpoch = 0;
            pendingClaimableAt = 0;
        });
    }

    /** Anyone's acceptance, outside the platform's run. */
    public synchronized void acceptByAnyone() {
        if (clock.instant().getEpochSecond() < pendingClaimableAt || ZERO.equals(pendingRoot)) throw new IllegalStateException("not yet");
        root = pendingRoot;
        epoch = pendingEpoch;
        pendingRoot = ZERO;
        pendingEpoch = 0;
        pendingClaimableAt = 0;
    }

    @Override
    public synchronized Outcome outcome(String txId) {
        if (mined.containsKey(txId)) return mined.get(txId);
        Runnable effect = pending.remove(txId);
        if (effect == null) return Outcome.NONE;
        Outcome outcome;
        if (revertNext.remove(kindOf(txId))) {
            outcome = Outcome.REVERTED;
        } else {
            try {
                effect.run();
                outcome = Outcome.CONFIRMED;
            } catch (IllegalStateException revert) {
                outcome = Outcome.REVERTED;
            }
        }
        mined.put(txId, outcome);
        return outcome;
    }

    private void send(String kind, String txId, Runnable effect) {
        if (mined.containsKey(txId) || pending.containsKey(txId)) return;
        if (refuseNext.remove(kind)) throw new Refused(kind + " would revert", null);
        sent.add(txId);
        pending.put(txId, effect);
    }

    private static String kindOf(String txId) {
        if (txId.startsWith("rewards-fund-")) return "fund";
        if (txId.startsWith("rewards-root-")) return "propose";
        return "accept";
    }
}
