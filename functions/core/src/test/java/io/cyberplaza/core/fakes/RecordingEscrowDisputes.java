package io.cyberplaza.core.fakes;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.EscrowDisputes;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/** The escrow's dispute desk as tests drive it: records each call once per id, reverts what it is told to. */
public final class RecordingEscrowDisputes implements EscrowDisputes {
    public record Call(Role role, String txId, String method, String owner, String orderId, long toProvider) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final Set<String> reverted = ConcurrentHashMap.newKeySet();
    public final Map<String, Payout> payouts = new ConcurrentHashMap<>();
    public volatile long escalationThreshold = 10_000_000_000L;
    /** When set, the next call is refused before anything is recorded. */
    public volatile boolean refuseNext;
    /** When set, the next call sends nothing (the key's sender busy elsewhere, the node down). */
    public volatile boolean busyNext;

    private void record(Role role, String txId, String method, String owner, String orderId, long toProvider) {
        if (refuseNext) {
            refuseNext = false;
            throw new Refused("execution reverted", null);
        }
        if (busyNext) {
            busyNext = false;
            throw new NotSentYet("sender leased by another worker", null);
        }
        if (calls.stream().noneMatch(c -> c.role() == role && c.txId().equals(txId))) {
            calls.add(new Call(role, txId, method, owner, orderId, toProvider));
        }
    }

    @Override
    public void openFor(String txId, String owner, String orderId) {
        record(Role.SETTLER, txId, "openDisputeFor", owner, orderId, 0);
    }

    @Override
    public void resolve(String txId, String owner, String orderId, long toProvider) {
        record(Role.ARBITER, txId, "resolve", owner, orderId, toProvider);
    }

    @Override
    public void freeze(String txId, String owner, String orderId) {
        record(Role.GUARDIAN, txId, "freeze", owner, orderId, 0);
    }

    @Override
    public boolean isRecorded(Role role, String txId) {
        return calls.stream().anyMatch(c -> c.role() == role && c.txId().equals(txId));
    }

    @Override
    public boolean isReverted(Role role, String txId) {
        return isRecorded(role, txId) && reverted.contains(txId);
    }

    @Override
    public Dispute.GovernanceAction governanceResolution(String owner, String orderId, long toProvider) {
        return new Dispute.GovernanceAction("0x" + "71".repeat(20), "0x" + "e5".repeat(20), "0xresolve:" + orderId + ":" + toProvider,
                "0x" + "00".repeat(32), "0xop:" + orderId, 172_800);
    }

    @Override
    public long escalationThreshold() {
        return escalationThreshold;
    }

    @Override
    public Payout payout(String owner, String orderId) {
        return payouts.getOrDefault(orderId, new Payout(PayoutStatus.NONE, 0, 0));
    }
}
