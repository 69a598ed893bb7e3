package io.cyberplaza.api.web;

import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.DisputeDesk;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** The dispute API's bodies. Money is micro-USDC as decimal strings, as everywhere in the API. */
public final class DisputeDtos {
    public static final String DISPUTE_ID = "dsp_0x[0-9a-f]{64}";

    private DisputeDtos() {
    }

    @Serdeable
    @Schema(name = "OpenDispute")
    public record OpenDisputeBody(@Schema(description = "What went wrong that the meter could not see", example = "the job's output was empty")
                                  @NotBlank @Size(max = 500) String reason,
                                  @Schema(description = "Links or text that show it", example = "https://example.com/logs/run-17")
                                  @Size(max = 4_000) String evidence) {
    }

    @Serdeable
    @Schema(name = "DisputeResponse")
    public record ResponseBody(@Schema(description = "The provider's answer", example = "it ran the full hour; the logs are attached")
                               @NotBlank @Size(max = 4_000) String text) {
    }

    @Serdeable
    @Schema(name = "DisputeResolution")
    public record ResolutionBody(@Schema(description = "The provider's share of the held payout, basis points (7000 = 70 %)", example = "7000")
                                 @Min(0) @Max(10_000) int providerShareBps) {
    }

    @Serdeable
    @Schema(name = "DisputeAnswer")
    public record ResponseView(String by, String text, Instant at) {
    }

    @Serdeable
    @Schema(name = "GovernanceAction", description = "The timelock call that splits an escalated dispute: schedule it, wait the delay, execute it")
    public record GovernanceActionView(String timelock, String target, String data, String salt, String operationId, long delaySeconds) {
    }

    @Serdeable
    @Schema(name = "Dispute")
    public record DisputeView(String disputeId, String orderId, String owner, String provider,
                              @Schema(description = "The frozen payout, micro-USDC") String heldPayout,
                              @Schema(description = "OPENING, OPEN, RESOLVING, ESCALATED, RESOLVED or REFUSED") String state,
                              @Schema(description = "OWNER, OWNER_ON_CHAIN or GUARDIAN") String openedBy,
                              String reason, String evidence, List<ResponseView> responses,
                              @Schema(description = "The split asked for, or made on chain once RESOLVED, micro-USDC") String toProvider,
                              String toOwner,
                              @Schema(description = "The transaction that split it on chain") String resolutionTx,
                              GovernanceActionView governanceAction, String note, Instant openedAt, Instant updatedAt) {
        static DisputeView of(Dispute d) {
            Dispute.Resolution r = d.resolution();
            Dispute.GovernanceAction g = d.governanceAction();
            return new DisputeView(d.disputeId(), d.orderId(), d.owner(), d.provider(), Long.toString(d.held()), d.status().name(),
                    d.openedBy().name(), d.reason(), d.evidence(),
                    d.responses().stream().map(x -> new ResponseView(x.by(), x.text(), x.at())).toList(),
                    r == null ? null : Long.toString(r.toProvider()), r == null ? null : Long.toString(r.toOwner()), r == null ? null : r.tx(),
                    g == null ? null : new GovernanceActionView(g.timelock(), g.target(), g.data(), g.salt(), g.operationId(), g.delaySeconds()),
                    d.note(), d.openedAt(), d.updatedAt());
        }
    }

    @Serdeable
    @Schema(name = "Payout")
    public record PayoutView(String orderId, @Schema(description = "micro-USDC") String amount,
                             @Schema(description = "HELD (disputable until heldUntil), RELEASED (withdrawable), FROZEN (disputed), WITHDRAWN or NONE")
                             String status, Instant heldUntil, String disputeId) {
        static PayoutView of(DisputeDesk.PayoutView p) {
            return new PayoutView(p.orderId(), Long.toString(p.amount()), p.status().name(), p.heldUntil(), p.disputeId());
        }
    }
}
