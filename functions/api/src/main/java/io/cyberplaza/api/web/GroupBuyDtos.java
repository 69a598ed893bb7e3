package io.cyberplaza.api.web;

import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.CampaignReport;
import io.cyberplaza.core.groupbuy.Coupon;
import io.cyberplaza.core.groupbuy.Pledge;
import io.cyberplaza.core.groupbuy.PriceTier;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** The group-buy API's bodies. Money is micro-USDC as decimal strings, as everywhere in the API. */
public final class GroupBuyDtos {
    public static final String CAMPAIGN_ID = "cmp_[0-9a-f]{20}";
    public static final String COUPON_ID = "cpn_[0-9a-f]{40}";

    private GroupBuyDtos() {
    }

    @Serdeable
    @Schema(name = "PriceTier")
    public record TierBody(@Schema(description = "From this many units in total", example = "10") @Min(1) @Max(1_000_000) long fromQuantity,
                           @Schema(description = "Micro-USDC a unit", example = "80000000") @NotBlank @Pattern(regexp = "[1-9][0-9]{0,14}") String unitPrice) {
        PriceTier tier() {
            return new PriceTier(fromQuantity, Long.parseLong(unitPrice));
        }

        static TierBody of(PriceTier tier) {
            return new TierBody(tier.fromQuantity(), Long.toString(tier.unitPrice()));
        }
    }

    @Serdeable
    @Schema(name = "CreateCampaign")
    public record CreateCampaignBody(@Schema(example = "$100 GPU credit") @NotBlank @Size(max = 120) String title,
                                     @Schema(description = "COUPON_BUNDLE or VENDOR_RESOURCE", example = "COUPON_BUNDLE")
                                     @NotNull @Pattern(regexp = "COUPON_BUNDLE|VENDOR_RESOURCE") String kind,
                                     @Schema(example = "gpu-cloud") @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}") String vendor,
                                     @Schema(description = "What one unit is", example = "$100 credit") @NotBlank @Size(max = 64) String unit,
                                     @NotNull @Size(min = 1, max = 10) List<@Valid @NotNull TierBody> tiers,
                                     @Schema(example = "10") @Min(1) @Max(1_000_000) long minQuantity,
                                     @Schema(example = "100") @Min(1) @Max(1_000_000) long maxQuantity,
                                     @Schema(example = "5") @Min(1) @Max(1_000_000) long perUserLimit,
                                     @NotNull Instant deadline,
                                     @Schema(description = "VENDOR_API, WEBHOOK or UPLOAD", example = "UPLOAD")
                                     @NotNull @Pattern(regexp = "VENDOR_API|WEBHOOK|UPLOAD") String couponSource,
                                     @Schema(description = "The vendor's settlement address", example = "0x90f79bf6eb2c4f870365e785982e1f101e93b906")
                                     @NotNull @Pattern(regexp = "0x[0-9a-f]{40}") String payee,
                                     @Schema(description = "What the vendor charges a unit, micro-USDC", example = "60000000")
                                     @NotBlank @Pattern(regexp = "0|[1-9][0-9]{0,14}") String vendorUnitCost,
                                     @Schema(description = "Each coupon's face: micro-USDC, or resource units", example = "100000000")
                                     @NotBlank @Pattern(regexp = "[1-9][0-9]{0,14}") String faceAmount,
                                     @Schema(example = "USDC") @NotBlank @Size(max = 32) String faceUnit) {
    }

    @Serdeable
    @Schema(name = "Campaign")
    public record CampaignView(String campaignId, String title, String kind, String vendor, String unit, List<TierBody> tiers,
                               long minQuantity, long maxQuantity, long perUserLimit, Instant deadline,
                               @Schema(description = "OPEN, SUCCEEDED, FAILED or SETTLED") String status, long pledged,
                               @Schema(description = "The price a unit if it closed now, micro-USDC") String currentUnitPrice,
                               @Schema(description = "Fixed at a successful close, micro-USDC") String finalUnitPrice,
                               String couponKind, String faceAmount, String faceUnit) {
        static CampaignView of(Campaign c) {
            return new CampaignView(c.campaignId(), c.title(), c.kind().name(), c.vendor(), c.unit(), c.tiers().stream().map(TierBody::of).toList(),
                    c.minQuantity(), c.maxQuantity(), c.perUserLimit(), c.deadline(), c.status().name(), c.pledged(),
                    Long.toString(c.unitPriceAt(Math.max(1, c.pledged()))), Long.toString(c.finalUnitPrice()), c.kind().couponKind().name(),
                    Long.toString(c.supply().faceAmount()), c.supply().faceUnit());
        }
    }

    @Serdeable
    @Schema(name = "PledgeRequest")
    public record PledgeBody(@Schema(description = "Units", example = "2") @Min(1) @Max(1_000_000) long quantity) {
    }

    @Serdeable
    @Schema(name = "Pledge")
    public record PledgeView(@Schema(description = "bytes32: the escrow order id to deposit into") String pledgeId, String campaignId,
                             long quantity, @Schema(description = "micro-USDC") String unitPrice,
                             @Schema(description = "micro-USDC to deposit") String deposit,
                             @Schema(description = "PENDING, FUNDED, WITHDRAWN, LAPSED, SETTLED, RECLAIMED or DISPUTED") String status, long couponsAllocated,
                             Instant createdAt, @Schema(description = "Where to deposit: the escrow contract") String escrow,
                             String token, long chainId) {
        static PledgeView of(Pledge p, EscrowInfo escrow) {
            return new PledgeView(p.pledgeId(), p.campaignId(), p.quantity(), Long.toString(p.unitPrice()), Long.toString(p.deposit()),
                    p.status().name(), p.couponsAllocated(), p.createdAt(), escrow.escrow(), escrow.token(), escrow.chainId());
        }
    }

    @Serdeable
    @Schema(name = "Coupon", description = "A coupon without its code: the code is fetched on its own, by its owner only")
    public record CouponView(String couponId, String campaignId, String vendor, String kind, String faceAmount, String faceUnit,
                             Instant expiresAt, @Schema(description = "ALLOCATED (usable either way), REVEALED (its code was shown: "
                                     + "the vendor's to honour) or REDEEMED (it paid an order)") String status,
                             @Schema(description = "The order a redeemed resource coupon paid for") @Nullable String redeemedFor) {
        static CouponView of(Coupon c) {
            return new CouponView(c.couponId(), c.campaignId(), c.vendor(), c.kind().name(), Long.toString(c.faceAmount()), c.faceUnit(),
                    c.expiresAt(), c.status().name(), c.redeemedFor());
        }
    }

    @Serdeable
    @Schema(name = "CouponCode")
    public record CouponCodeView(String couponId, String code) {
    }

    @Serdeable
    @Schema(name = "CouponReceipt")
    public record ReceiptView(int received, int added, int duplicates) {
    }

    @Serdeable
    @Schema(name = "CampaignReport", description = "pledged = allocated + refunded; allocated = vendorCost + platformMargin")
    public record ReportView(String campaignId, String status, long unitsAllocated, String finalUnitPrice, String pledged,
                             String allocated, String refunded, String vendorCost, String platformMargin) {
        public static ReportView of(CampaignReport r) {
            return new ReportView(r.campaignId(), r.status().name(), r.unitsAllocated(), Long.toString(r.finalUnitPrice()),
                    Long.toString(r.pledged()), Long.toString(r.allocated()), Long.toString(r.refunded()), Long.toString(r.vendorCost()),
                    Long.toString(r.platformMargin()));
        }
    }
}
