package io.cyberplaza.core.groupbuy;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.groupbuy.Campaign.CampaignKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final long USDC = 1_000_000;
    /** $100 credit coupons: $90 each alone, $80 from 10, $70 from 50; 10 to succeed, 100 in stock, 20 a buyer. */
    private static final List<PriceTier> TIERS = List.of(new PriceTier(1, 90 * USDC), new PriceTier(10, 80 * USDC), new PriceTier(50, 70 * USDC));

    private static final Campaign.Supply SUPPLY = supply(60 * USDC);

    private static Campaign.Supply supply(long vendorUnitCost) {
        return new Campaign.Supply(CouponSource.UPLOAD, "0x" + "ab".repeat(20), vendorUnitCost, 100 * USDC, "USDC");
    }

    private static Campaign campaign(long pledged) {
        return campaign(pledged, SUPPLY);
    }

    private static Campaign campaign(long pledged, Campaign.Supply supply) {
        return new Campaign("cmp-1", "$100 GPU credit", CampaignKind.COUPON_BUNDLE, "gpu-vendor", "coupon", TIERS, 10, 100, 20,
                NOW.plusSeconds(3_600), supply, CampaignStatus.OPEN, pledged, 0, null, 1);
    }

    private static DomainException refusal(Runnable action) {
        try {
            action.run();
        } catch (DomainException e) {
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Nested
    class Tiers {
        @Test
        void everyonePaysTheTierOfTheTotal() {
            Campaign campaign = campaign(0);
            assertThat(campaign.unitPriceAt(1)).isEqualTo(90 * USDC);
            assertThat(campaign.unitPriceAt(9)).isEqualTo(90 * USDC);
            assertThat(campaign.unitPriceAt(10)).isEqualTo(80 * USDC);
            assertThat(campaign.unitPriceAt(100)).isEqualTo(70 * USDC);
        }

        @Test
        void tiersMustGetCheaperWithMoreUnitsAndBeReachable() {
            assertThat(refusal(() -> new Campaign("c", "t", CampaignKind.COUPON_BUNDLE, "v", "u",
                    List.of(new PriceTier(1, 90), new PriceTier(10, 95)), 1, 100, 5, NOW, SUPPLY, CampaignStatus.OPEN, 0, 0, null, 1)).type())
                    .isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(refusal(() -> new Campaign("c", "t", CampaignKind.COUPON_BUNDLE, "v", "u",
                    List.of(new PriceTier(1, 90), new PriceTier(200, 80)), 1, 100, 5, NOW, SUPPLY, CampaignStatus.OPEN, 0, 0, null, 1)).type())
                    .isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(refusal(() -> new Campaign("c", "t", CampaignKind.COUPON_BUNDLE, "v", "u",
                    List.of(new PriceTier(5, 90)), 1, 100, 5, NOW, SUPPLY, CampaignStatus.OPEN, 0, 0, null, 1)).type()).isEqualTo(ErrorType.INVALID_REQUEST);
        }
    }

    @Nested
    class Pledging {
        @Test
        void aPledgeDepositsItsUnitsAtTheTierItReaches() {
            Pledge pledge = PledgeRules.join(campaign(8), "0x01", "0xbuyer", 0, 3, NOW);

            assertThat(pledge.unitPrice()).isEqualTo(80 * USDC);
            assertThat(pledge.deposit()).isEqualTo(240 * USDC);
        }

        @Test
        void aBuyerCannotPledgePastTheirLimitCountingEarlierPledges() {
            DomainException refused = refusal(() -> PledgeRules.join(campaign(0), "0x02", "0xbuyer", 18, 3, NOW));
            assertThat(refused.type()).isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(refused.getMessage()).contains("at most 20");
        }

        @Test
        void theInventoryCapIsNeverExceededAndTheRefusalSaysWhatIsLeft() {
            DomainException refused = refusal(() -> PledgeRules.join(campaign(98), "0x03", "0xbuyer", 0, 3, NOW));
            assertThat(refused.type()).isEqualTo(ErrorType.CAPACITY_EXHAUSTED);
            assertThat(refused.getMessage()).contains("only 2 units are left");
            assertThat(PledgeRules.join(campaign(98), "0x04", "0xbuyer", 0, 2, NOW).quantity()).isEqualTo(2);
        }

        @Test
        void aCampaignPastItsDeadlineTakesNoPledgeAndNoWithdrawalAndOneSoldOutNoPledge() {
            assertThat(refusal(() -> PledgeRules.join(campaign(0), "0x05", "0xbuyer", 0, 1, NOW.plusSeconds(3_600))).type())
                    .isEqualTo(ErrorType.STATE_CONFLICT);
            Campaign soldOut = campaign(100);
            assertThat(soldOut.isDueAt(NOW)).isTrue();
            Pledge pledge = Pledge.of("0x06", "cmp-1", "0xbuyer", 1, 90 * USDC, NOW);
            PledgeRules.requireWithdrawable(soldOut, pledge, NOW); // sold out is not closed: a withdrawal frees units
            assertThat(refusal(() -> PledgeRules.requireWithdrawable(soldOut, pledge, NOW.plusSeconds(3_600))).type())
                    .isEqualTo(ErrorType.STATE_CONFLICT);
            DomainException late = refusal(() -> PledgeRules.join(soldOut, "0x07", "0xbuyer", 0, 1, NOW));
            assertThat(late.type()).isEqualTo(ErrorType.CAPACITY_EXHAUSTED);
            assertThat(late.getMessage()).contains("sold out");
        }
    }

    @Nested
    class Closing {
        @Test
        void aCampaignThatReachedALowerTierSettlesEveryPledgeAtItAndRefundsTheDifference() {
            Pledge early = withStatus(Pledge.of("0x11", "cmp-1", "0xa", 5, 90 * USDC, NOW));
            Pledge middle = withStatus(Pledge.of("0x12", "cmp-1", "0xb", 20, 80 * USDC, NOW));
            Pledge late = withStatus(Pledge.of("0x13", "cmp-1", "0xc", 30, 70 * USDC, NOW));
            Campaign closed = campaign(55).closed();

            assertThat(closed.status()).isEqualTo(CampaignStatus.SUCCEEDED);
            assertThat(closed.finalUnitPrice()).isEqualTo(70 * USDC);
            CampaignReport report = CampaignReport.of(closed, List.of(early, middle, late));

            assertThat(report.pledged()).isEqualTo((450 + 1_600 + 2_100) * USDC);
            assertThat(report.allocated()).isEqualTo(55 * 70 * USDC);
            assertThat(report.refunded()).isEqualTo((450 - 350 + 1_600 - 1_400) * USDC);
            assertThat(report.vendorCost()).isEqualTo(55 * 60 * USDC);
            assertThat(report.platformMargin()).isEqualTo(55 * 10 * USDC);
            assertThat(report.unitsAllocated()).isEqualTo(55);
        }

        @Test
        void aCampaignShortOfItsMinimumRefundsEveryPledgeInFull() {
            Pledge only = withStatus(Pledge.of("0x21", "cmp-1", "0xa", 9, 90 * USDC, NOW));
            Campaign closed = campaign(9).closed();

            assertThat(closed.status()).isEqualTo(CampaignStatus.FAILED);
            CampaignReport report = CampaignReport.of(closed, List.of(only));
            assertThat(report.refunded()).isEqualTo(report.pledged()).isEqualTo(810 * USDC);
            assertThat(report.allocated()).isZero();
            assertThat(report.vendorCost()).isZero();
        }

        @Test
        void withdrawalsThatLeaveADearerTierNeverChargeAPledgeMoreThanItsPriceAndTheMarginCarriesIt() {
            // Pledged when 50 were in (70 a unit); others withdrew and the campaign closed at 12 units (80 a unit).
            Pledge cheap = withStatus(Pledge.of("0x31", "cmp-1", "0xa", 2, 70 * USDC, NOW));
            Pledge dear = withStatus(Pledge.of("0x32", "cmp-1", "0xb", 10, 90 * USDC, NOW));
            CampaignReport report = CampaignReport.of(campaign(12, supply(70 * USDC)).closed(), List.of(cheap, dear));

            assertThat(report.finalUnitPrice()).isEqualTo(80 * USDC);
            assertThat(report.allocated()).isEqualTo((2 * 70 + 10 * 80) * USDC);
            assertThat(report.refunded()).isEqualTo(100 * USDC);
            assertThat(report.platformMargin()).isEqualTo((940 - 12 * 70) * USDC);
        }

        @Test
        void theVendorsUnitCostCannotExceedTheCheapestTierSoTheMarginIsNeverNegative() {
            assertThat(refusal(() -> campaign(0, supply(71 * USDC))).type()).isEqualTo(ErrorType.INVALID_REQUEST);
        }

        @Test
        void aMarginAboveTheEscrowsFeeCapAtTheDearestTierIsRefusedBecauseTheChainWouldSkipItsSettlements() {
            assertThat(refusal(() -> campaign(0, supply(44 * USDC))).getMessage()).contains("fee cap");
            assertThat(campaign(0, supply(45 * USDC)).supply().vendorUnitCost()).as("exactly half of $90").isEqualTo(45 * USDC);
        }

        @Test
        void aReportThatDoesNotBalanceCannotExist() {
            assertThatThrownBy(() -> new CampaignReport("c", CampaignStatus.SUCCEEDED, 1, 10, 100, 60, 39, 50, 10))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new CampaignReport("c", CampaignStatus.SUCCEEDED, 1, 10, 100, 60, 40, 70, -10))
                    .isInstanceOf(IllegalStateException.class);
        }

        private static Pledge withStatus(Pledge pledge) {
            return new Pledge(pledge.pledgeId(), pledge.campaignId(), pledge.owner(), pledge.quantity(), pledge.unitPrice(), pledge.deposit(),
                    Pledge.PledgeStatus.FUNDED, 0, NOW, pledge.version() + 1);
        }
    }
}
