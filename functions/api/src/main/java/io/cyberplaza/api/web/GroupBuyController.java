package io.cyberplaza.api.web;

import io.cyberplaza.api.idempotency.IdempotentCreation;
import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.cyberplaza.core.groupbuy.CouponWallet;
import io.cyberplaza.core.groupbuy.GroupBuyService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
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

/** Group buys as buyers see them: campaigns to browse, their own pledges, their own coupons. */
@Controller
@Tag(name = "Group buys", description = "Campaigns, pledges and the coupons they bring")
@ApiResponse(responseCode = "400", description = "invalid-request: a field is missing, malformed or out of range",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.RateLimited
public class GroupBuyController {
    private final GroupBuyService groupBuys;
    private final CouponWallet wallet;
    private final EscrowInfo escrow;
    private final IdempotentCreation idempotent;

    public GroupBuyController(GroupBuyService groupBuys, CouponWallet wallet, EscrowInfo escrow, IdempotentCreation idempotent) {
        this.groupBuys = groupBuys;
        this.wallet = wallet;
        this.escrow = escrow;
        this.idempotent = idempotent;
    }

    @Operation(summary = "Every campaign: open ones first, soonest deadline first")
    @ApiResponse(responseCode = "200", description = "the campaigns",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = GroupBuyDtos.CampaignView.class))))
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/campaigns")
    public List<GroupBuyDtos.CampaignView> campaigns() {
        return groupBuys.list().stream().map(GroupBuyDtos.CampaignView::of).toList();
    }

    @Operation(summary = "One campaign")
    @ApiResponse(responseCode = "200", description = "the campaign",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GroupBuyDtos.CampaignView.class)))
    @Documented.MayBeMissing
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/campaigns/{campaignId}")
    public GroupBuyDtos.CampaignView campaign(@PathVariable @Pattern(regexp = GroupBuyDtos.CAMPAIGN_ID) String campaignId) {
        return GroupBuyDtos.CampaignView.of(groupBuys.get(campaignId));
    }

    @Operation(summary = "Pledge units, or raise an earlier pledge by more",
            description = "The answer is an escrow order to deposit into, at the tier the campaign reaches with these units. "
                    + "Send an Idempotency-Key header to make retries safe.")
    @ApiResponse(responseCode = "201", description = "the pledge, awaiting its deposit",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GroupBuyDtos.PledgeView.class)))
    @ApiResponse(responseCode = "409", description = "capacity-exhausted: sold out, or fewer units left; state-conflict: the campaign has closed; too-many-unpaid: the caller holds as many unfunded pledges as an account may",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @ApiResponse(responseCode = "422", description = "idempotency-key-reused: this Idempotency-Key was used for another request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Documented.MayBeMissing
    @Documented.NeedsSession
    @SecurityRequirement(name = "session")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post("/campaigns/{campaignId}/pledges")
    public HttpResponse<?> pledge(Authentication caller, @PathVariable @Pattern(regexp = GroupBuyDtos.CAMPAIGN_ID) String campaignId,
                                  @Valid @Body GroupBuyDtos.PledgeBody body,
                                  @Nullable @Header(IdempotentCreation.HEADER) @IdempotencyKeyHeader String idempotencyKey) {
        return idempotent.create(caller.getName(), idempotencyKey, "POST /campaigns/" + campaignId + "/pledges", body,
                () -> HttpResponse.created(GroupBuyDtos.PledgeView.of(groupBuys.join(caller.getName(), campaignId, body.quantity()), escrow)));
    }

    @Operation(summary = "The caller's pledges, newest first")
    @ApiResponse(responseCode = "200", description = "the pledges",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = GroupBuyDtos.PledgeView.class))))
    @Documented.NeedsSession
    @SecurityRequirement(name = "session")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/pledges")
    public List<GroupBuyDtos.PledgeView> pledges(Authentication caller) {
        return groupBuys.pledgesOf(caller.getName()).stream().map(p -> GroupBuyDtos.PledgeView.of(p, escrow)).toList();
    }

    @Operation(summary = "One of the caller's pledges")
    @ApiResponse(responseCode = "200", description = "the pledge",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GroupBuyDtos.PledgeView.class)))
    @Documented.MayBeMissing
    @Documented.NeedsSession
    @SecurityRequirement(name = "session")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/pledges/{pledgeId}")
    public GroupBuyDtos.PledgeView pledge(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String pledgeId) {
        return GroupBuyDtos.PledgeView.of(groupBuys.mine(caller.getName(), pledgeId), escrow);
    }

    @Operation(summary = "Withdraw a pledge before its campaign closes", description = "Whatever it deposited is refunded in full.")
    @ApiResponse(responseCode = "200", description = "the pledge, withdrawn",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GroupBuyDtos.PledgeView.class)))
    @Documented.MayBeMissing
    @Documented.MayConflict
    @Documented.NeedsSession
    @SecurityRequirement(name = "session")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Post("/pledges/{pledgeId}/withdraw")
    public GroupBuyDtos.PledgeView withdraw(Authentication caller, @PathVariable @Pattern(regexp = Dtos.ORDER_ID) String pledgeId) {
        return GroupBuyDtos.PledgeView.of(groupBuys.withdraw(caller.getName(), pledgeId), escrow);
    }

    @Operation(summary = "The caller's coupons, soonest expiry first (without their codes)")
    @ApiResponse(responseCode = "200", description = "the coupons",
            content = @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = GroupBuyDtos.CouponView.class))))
    @Documented.NeedsSession
    @SecurityRequirement(name = "session")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/coupons")
    public List<GroupBuyDtos.CouponView> coupons(Authentication caller) {
        return wallet.mine(caller.getName()).stream().map(GroupBuyDtos.CouponView::of).toList();
    }

    @Operation(summary = "A coupon's code, for its owner only",
            description = "Showing the code uses the coupon: from then on it cannot pay an order (its code is the owner's to use with the "
                    + "vendor), and a coupon that paid an order never shows its code. The code opens once the pledge that bought it is "
                    + "settled on chain. Never cached: the answer carries Cache-Control: no-store.")
    @ApiResponse(responseCode = "200", description = "the code",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GroupBuyDtos.CouponCodeView.class)))
    @ApiResponse(responseCode = "409", description = "coupon-already-redeemed: the coupon paid for an order; "
            + "state-conflict: the pledge that bought it is not settled on chain yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @Documented.MayBeMissing
    @Documented.NeedsSession
    @SecurityRequirement(name = "session")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Get("/coupons/{couponId}/code")
    public HttpResponse<GroupBuyDtos.CouponCodeView> code(Authentication caller,
                                                         @PathVariable @Pattern(regexp = GroupBuyDtos.COUPON_ID) String couponId) {
        return HttpResponse.ok(new GroupBuyDtos.CouponCodeView(couponId, wallet.code(caller.getName(), couponId)))
                .header("Cache-Control", "no-store");
    }
}
