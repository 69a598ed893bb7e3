package io.cyberplaza.core.fakes;

import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.Settlement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Records settlement batches by transaction id, idempotently, like the outbox-backed sender. */
public final class RecordingEscrowSettler implements EscrowSettler {
    private final Map<String, List<Settlement>> sent = new LinkedHashMap<>();
    private int failuresToInject;

    /** The next {@code count} submissions crash before anything is recorded. */
    public void crashNext(int count) {
        failuresToInject = count;
    }

    @Override
    public synchronized void submit(String txId, List<Settlement> batch) {
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

    public synchronized Map<String, List<Settlement>> sent() {
        return Map.copyOf(sent);
    }
}
