package io.cyberplaza.core.dispute;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A dispute over an order's held payout. The chain decides: a dispute is OPEN once the escrow froze
 * the payout, RESOLVED once the escrow split it; what the platform asked for in between (OPENING,
 * RESOLVING, ESCALATED) is only a request. One dispute per order, so its id is derived from the
 * order's and a dispute opened on chain and one opened through the API are the same record.
 *
 * @param held       the frozen payout, micro-USDC
 * @param resolution the split asked for (RESOLVING, ESCALATED) or made on chain (RESOLVED)
 * @param pendingTx  the transaction the platform sent for it and waits on (opening or resolving)
 */
public record Dispute(String disputeId, String orderId, String owner, String provider, long held, DisputeStatus status,
                      Opener openedBy, String reason, String evidence, List<Response> responses, Resolution resolution,
                      GovernanceAction governanceAction, String pendingTx, String note, Instant openedAt, Instant updatedAt,
                      long version) {

    public enum DisputeStatus {
        /** The platform sent the owner's dispute to the escrow; not frozen until the chain says so. */
        OPENING,
        /** The payout is frozen on chain; the provider may answer, an operator resolves. */
        OPEN,
        /** An operator's split was sent with the arbiter's key. */
        RESOLVING,
        /** Over the escalation threshold: only governance can split it, through the timelock. */
        ESCALATED,
        RESOLVED,
        /** The escrow refused to open it (the window closed, or the payout was already released). */
        REFUSED;

        public boolean isFinal() {
            return this == RESOLVED || this == REFUSED;
        }
    }

    /** Who froze the payout. */
    public enum Opener {
        /** The owner, through the API (the platform sent it for them). */
        OWNER,
        /** The owner, calling the escrow directly. */
        OWNER_ON_CHAIN,
        /** The guardian (a settlement the platform never made, or an operator's freeze). */
        GUARDIAN
    }

    public record Response(String by, String text, Instant at) {
    }

    /** A split of the held payout; {@code tx} is the transaction that made it, once the chain did. */
    public record Resolution(long toProvider, long toOwner, String tx) {
        public Resolution {
            if (toProvider < 0 || toOwner < 0) throw new IllegalArgumentException("a split is never negative");
        }
    }

    /** The timelock call governance makes to split an escalated dispute. */
    public record GovernanceAction(String timelock, String target, String data, String salt, String operationId, long delaySeconds) {
    }

    /** At most this many answers a dispute keeps: enough for an exchange, not a store for anything. */
    public static final int MAX_RESPONSES = 20;

    public Dispute {
        Objects.requireNonNull(disputeId, "disputeId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedBy, "openedBy");
        responses = List.copyOf(responses);
        if (held < 0) throw new IllegalArgumentException("a held payout is never negative");
        if (resolution != null && resolution.toProvider() + resolution.toOwner() != held) {
            throw new IllegalArgumentException("a resolution splits exactly what is held");
        }
    }

    public static String idOf(String orderId) {
        return "dsp_" + orderId;
    }

    /** The owner's dispute as the platform sends it to the escrow. */
    public static Dispute requested(String orderId, String owner, String provider, long held, String reason, String evidence,
                                    String txId, Instant now) {
        return new Dispute(idOf(orderId), orderId, owner, provider, held, DisputeStatus.OPENING, Opener.OWNER, reason, evidence,
                List.of(), null, null, txId, null, now, now, 0);
    }

    /** A payout the chain froze without the platform asking (the owner on chain, the guardian). */
    public static Dispute frozenOnChain(String orderId, String owner, String provider, long held, Opener opener, String reason,
                                        Instant now) {
        return new Dispute(idOf(orderId), orderId, owner, provider, held, DisputeStatus.OPEN, opener, reason, null, List.of(), null,
                null, null, null, now, now, 0);
    }

    public Dispute opened(long heldOnChain, Instant now) {
        return new Dispute(disputeId, orderId, owner, provider, heldOnChain, DisputeStatus.OPEN, openedBy, reason, evidence,
                responses, null, null, null, note, openedAt, now, version + 1);
    }

    public Dispute answered(Response response) {
        List<Response> all = new ArrayList<>(responses);
        all.add(response);
        return new Dispute(disputeId, orderId, owner, provider, held, status, openedBy, reason, evidence, all, resolution,
                governanceAction, pendingTx, note, openedAt, response.at(), version + 1);
    }

    public Dispute resolving(Resolution asked, String txId, Instant now) {
        return new Dispute(disputeId, orderId, owner, provider, held, DisputeStatus.RESOLVING, openedBy, reason, evidence, responses,
                asked, null, txId, null, openedAt, now, version + 1);
    }

    public Dispute escalated(Resolution asked, GovernanceAction action, Instant now) {
        return new Dispute(disputeId, orderId, owner, provider, held, DisputeStatus.ESCALATED, openedBy, reason, evidence, responses,
                asked, action, null, null, openedAt, now, version + 1);
    }

    public Dispute resolved(Resolution made, Instant now) {
        return new Dispute(disputeId, orderId, owner, provider, held, DisputeStatus.RESOLVED, openedBy, reason, evidence, responses,
                made, governanceAction, null, null, openedAt, now, version + 1);
    }

    /** The chain refused what the platform sent: opening ends the dispute, a resolution goes back to the operators. */
    public Dispute refusedByChain(String why, Instant now) {
        DisputeStatus back = status == DisputeStatus.OPENING ? DisputeStatus.REFUSED : DisputeStatus.OPEN;
        return new Dispute(disputeId, orderId, owner, provider, held, back, openedBy, reason, evidence, responses, null, null, null,
                why, openedAt, now, version + 1);
    }
}
