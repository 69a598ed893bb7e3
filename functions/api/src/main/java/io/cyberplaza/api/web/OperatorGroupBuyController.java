package io.cyberplaza.api.web;

import io.cyberplaza.api.coupons.CouponCsv;
import io.cyberplaza.api.problem.Documented;
import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.CouponIntake;
import io.cyberplaza.core.groupbuy.CouponSource;
import io.cyberplaza.core.groupbuy.GroupBuyService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Operators run campaigns: open them, upload the codes they bought, read where the money went. */
@Controller("/operator/campaigns")
@Secured("OPERATOR")
@Tag(name = "Operators", description = "Platform-wide views")
@SecurityRequirement(name = "session")
@ApiResponse(responseCode = "400", description = "invalid-request: a field is missing, malformed or out of range",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@Documented.NeedsRole
@Documented.RateLimited
public class OperatorGroupBuyController {
    private final GroupBuyService groupBuys;
    private final CouponIntake intake;

    public OperatorGroupBuyController(GroupBuyService groupBuys, CouponIntake intake) {
        this.groupBuys = groupBuys;
        this.intake = intake;
    }

    @Operation(summary = "Open a campaign")
    @ApiResponse(responseCode = "201", description = "the campaign, open",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GroupBuyDtos.CampaignView.class)))
    @Post
    public HttpResponse<GroupBuyDtos.CampaignView> create(@Valid @Body GroupBuyDtos.CreateCampaignBody body) {
        Campaign campaign = groupBuys.create(new GroupBuyService.CampaignDraft(body.title(), Campaign.CampaignKind.valueOf(body.kind()),
                body.vendor(), body.unit(), body.tiers().stream().map(GroupBuyDtos.TierBody::tier).toList(), body.minQuantity(),
                body.maxQuantity(), body.perUserLimit(), body.deadline(),
                new Campaign.Supply(CouponSource.valueOf(body.couponSource()), body.payee(), Long.parseLong(body.vendorUnitCost()),
                        Long.parseLong(body.faceAmount()), body.faceUnit())));
        return HttpResponse.created(GroupBuyDtos.CampaignView.of(campaign));
    }

    @Operation(summary = "Upload coupon codes as CSV (header code,expires_at)",
            description = "Checked whole before anything is taken; codes already held, or repeated in the file, are counted as duplicates.")
    @ApiResponse(responseCode = "200", description = "what was taken",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = GroupBuyDtos.ReceiptView.class)))
    @Documented.MayBeMissing
    @Documented.MayConflict
    @Post(value = "/{campaignId}/coupons", consumes = "text/csv")
    public GroupBuyDtos.ReceiptView upload(@PathVariable @Pattern(regexp = GroupBuyDtos.CAMPAIGN_ID) String campaignId,
                                           @Body @Size(max = 2_000_000) String csv) {
        CouponIntake.Receipt receipt = intake.receive(campaignId, CouponCsv.parse(csv));
        return new GroupBuyDtos.ReceiptView(receipt.received(), receipt.added(), receipt.duplicates());
    }

    @Operation(summary = "Where a closed campaign's money went")
    @ApiResponse(responseCode = "200", description = "the report",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = GroupBuyDtos.ReportView.class)))
    @Documented.MayBeMissing
    @Documented.MayConflict
    @Get("/{campaignId}/report")
    public GroupBuyDtos.ReportView report(@PathVariable @Pattern(regexp = GroupBuyDtos.CAMPAIGN_ID) String campaignId) {
        return GroupBuyDtos.ReportView.of(groupBuys.report(campaignId));
    }
}
