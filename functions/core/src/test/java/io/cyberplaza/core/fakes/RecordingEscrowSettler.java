package io.cyberplaza.core.fakes;

import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.Settlement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Records settlement batches by transaction id, idempotently, like the outbox-backed sender. */
public final class RecordingEscrowSettler implements EscrowSettler {
    private final Map<String, List<Settlement>> sent = new LinkedHashMap<>();
    private final Map<String, Long> openBalances = new LinkedHashMap<>();
    private int failuresToInject;
    private int rejectionsToInject;

    /** The next {@code count} submissions crash before anything is recorded. */
    public void crashNext(int count) {
        failuresToInject = count;
    }

    /** The next {@code count} submissions are refused by the chain (as a gas estimate of a reverting call is). */
    public synchronized void rejectNext(int count) {
        rejectionsToInject = count;
    }

    /** What the escrow holds for an open order (absent: closed or never funded). */
    public synchronized void holds(String orderId, long balance) {
        openBalances.put(orderId, balance);
    }

    @Override
    public synchronized void submit(String txId, List<Settlement> batch) {
        if (rejectionsToInject > 0) {
            rejectionsToInject--;
            throw new Rejected("the call would revert", null);
        }
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new IllegalStateException("worker killed before the transaction was recorded");
        }
        sent.putIfAbsent(txId, List.copyOf(batch));
    }

    @Override
    public synchronized boolean isRecorded(String txId) {
        return sent.containsKey(txId);
    }

    @Override
    public synchronized boolean carries(String txId, String orderId) {
        return sent.getOrDefault(txId, List.of()).stream().anyMatch(s -> s.orderId().equals(orderId));
    }

    @Override
    public boolean isReverted(String txId) {
        return false;
    }

    /** Nothing recorded here is ever mined, so no reorganisation can take it away (tried on the real chain). */
    @Override
    public boolean resendIfDropped(String txId) {
        return false;
    }

    @Override
    public synchronized OptionalLong openBalance(String owner, String orderId) {
        Long balance = openBalances.get(orderId);
        return balance == null ? OptionalLong.empty() : OptionalLong.of(balance);
    }

    public synchronized Map<String, List<Settlement>> sent() {
        return Map.copyOf(sent);
    }
}
