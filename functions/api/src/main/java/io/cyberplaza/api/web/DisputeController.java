package io.cyberplaza.api.web;

import io.cyberplaza.api.idempotency.IdempotentCreation;
import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.dispute.Dispute;
import io.cyberplaza.core.dispute.DisputeDesk;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/**
 * Disputes over held payouts: the owner opens one, the provider answers, an operator resolves it.
 * Every state change is the chain's: the API asks the escrow and shows what it decided.
 */
@Controller
@Tag(name = "Disputes", description = "Disputes over payouts the escrow still holds")
@SecurityRequirement(name = "session")
@ApiResponse(responseCode = "400", description = "invalid-request: a field is missing, malformed or out of range",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.NeedsSession
@Documented.RateLimited
public class DisputeController {
    private static final String OPERATOR = "OPERATOR";
    private static final String STATES = "OPENING|OPEN|RESOLVING|ESCALATED|RESOLVED|REFUSED";

    private final DisputeDesk desk;
    private final IdempotentCreation idempotent;

    public DisputeController(DisputeDesk desk, IdempotentCreation idempotent) {
        this.desk = desk;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Dispute the held payout of one of the caller's settled orders",
            description = "Within the order's dispute window (until its payout's release). The platform asks the escrow to freeze the "
                    + "payout for the owner; the dispute is OPEN, and the order DISPUTED, once the chain has frozen it. SLA refunds "
                    + "need no dispute: the meter settles them. Send an Idempotency-Key header to make retries safe.")
    @ApiResponse(responseCode = "201", description = "the dispute, OPENING until the chain freezes the payout",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DisputeDtos.DisputeView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such order of the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "state-conflict: the order is not settled; dispute-window-closed: the payout was "
            + "released, or nothing was paid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused: this Idempotency-Key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post("/orders/{orderId}/disputes")
    public HttpResponse<?> open(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String orderId,
                                @Valid @Body DisputeDtos.OpenDisputeBody body,
                                @Nullable @Header(IdempotentCreation.HEADER) @IdempotencyKeyHeader String idempotencyKey) {
        return idempotent.create(caller.getName(), idempotencyKey, "POST /orders/" + orderId + "/disputes", body,
                () -> HttpResponse.created(DisputeDtos.DisputeView.of(desk.open(caller.getName(), orderId, body.reason(), body.evidence()))));
    }

    @Operation(summary = "One dispute: to the order's owner, the provider it is about, and operators")
    @ApiResponse(responseCode = "200", description = "the dispute",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DisputeDtos.DisputeView.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such dispute of the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/disputes/{disputeId}")
    public DisputeDtos.DisputeView dispute(Authentication caller, @PathVariable @Pattern(regexp = DisputeDtos.DISPUTE_ID) String disputeId) {
        return DisputeDtos.DisputeView.of(desk.visibleTo(caller.getName(), caller.getRoles().contains(OPERATOR), disputeId));
    }

    @Operation(summary = "The disputes over the calling provider's payouts, newest first")
    @ApiResponse(responseCode = "200", description = "the disputes",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = DisputeDtos.DisputeView.class))))
    @ApiResponse(responseCode = "403", description = "forbidden: providers only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured("PROVIDER")
    @Get("/providers/me/disputes")
    public List<DisputeDtos.DisputeView> providerDisputes(Authentication caller) {
        return desk.ofProvider(caller.getName()).stream().map(DisputeDtos.DisputeView::of).toList();
    }

    @Operation(summary = "The provider answers a dispute over its payout", description = "Kept in order, at most 20 answers a dispute.")
    @ApiResponse(responseCode = "200", description = "the dispute with the answer",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DisputeDtos.DisputeView.class)))
    @ApiResponse(responseCode = "403", description = "forbidden: providers only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such dispute over a payout of the caller's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "state-conflict: the dispute is over, or has all the answers it keeps",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured("PROVIDER")
    @Post("/disputes/{disputeId}/responses")
    public DisputeDtos.DisputeView respond(Authentication caller, @PathVariable @Pattern(regexp = DisputeDtos.DISPUTE_ID) String disputeId,
                                           @Valid @Body DisputeDtos.ResponseBody body) {
        return DisputeDtos.DisputeView.of(desk.respond(caller.getName(), disputeId, body.text()));
    }

    @Operation(summary = "The calling provider's payouts as the escrow holds them now",
            description = "Each confirmed payout: held until when (disputable until then), released, frozen by a dispute, or withdrawn.")
    @ApiResponse(responseCode = "200", description = "the payouts, latest release first",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = DisputeDtos.PayoutView.class))))
    @ApiResponse(responseCode = "403", description = "forbidden: providers only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured("PROVIDER")
    @Get("/providers/me/payouts")
    public List<DisputeDtos.PayoutView> payouts(Authentication caller) {
        return desk.payoutsOf(caller.getName()).stream().map(DisputeDtos.PayoutView::of).toList();
    }

    @Operation(summary = "Disputes in a state (every unresolved one by default), oldest first")
    @ApiResponse(responseCode = "200", description = "the disputes",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = DisputeDtos.DisputeView.class))))
    @ApiResponse(responseCode = "403", description = "forbidden: operators only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured(OPERATOR)
    @Get("/operator/disputes")
    public List<DisputeDtos.DisputeView> operatorDisputes(@Nullable @QueryValue @Pattern(regexp = STATES) String state) {
        List<Dispute> disputes = state == null ? desk.unresolved() : desk.inStatus(Dispute.DisputeStatus.valueOf(state));
        return disputes.stream().map(DisputeDtos.DisputeView::of).toList();
    }

    @Operation(summary = "Resolve a dispute: the provider's share of the held payout, the rest to the owner",
            description = "Up to the escalation threshold (10,000 USDC) the split is sent with the arbiter's key and the dispute is "
                    + "RESOLVING until the chain splits it. Above it the dispute is ESCALATED: the answer carries the timelock call "
                    + "governance schedules and executes; the watcher records the split once it is on chain.")
    @ApiResponse(responseCode = "200", description = "the dispute, RESOLVING or ESCALATED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DisputeDtos.DisputeView.class)))
    @ApiResponse(responseCode = "403", description = "forbidden: operators only",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "404", description = "not-found: no such dispute",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "409", description = "state-conflict: the dispute is not OPEN, or another split is on its way",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "503", description = "chain-unavailable: the escrow's escalation threshold could not be read from the "
            + "chain just now; nothing changed, retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Secured(OPERATOR)
    @Post("/operator/disputes/{disputeId}/resolution")
    public DisputeDtos.DisputeView resolve(@PathVariable @Pattern(regexp = DisputeDtos.DISPUTE_ID) String disputeId,
                                           @Valid @Body DisputeDtos.ResolutionBody body) {
        return DisputeDtos.DisputeView.of(desk.resolve(disputeId, body.providerShareBps()));
    }
}
