package io.cyberplaza.core.contract;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.Coupon;
import io.cyberplaza.core.groupbuy.CouponSource;
import io.cyberplaza.core.groupbuy.GroupBuyService;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.groupbuy.Pledge;
import io.cyberplaza.core.groupbuy.PledgeFunding;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.groupbuy.PriceTier;
import io.cyberplaza.core.groupbuy.SealedCode;
import io.cyberplaza.core.store.ConditionFailedException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every store of campaigns, pledges and coupons must do. */
public abstract class GroupBuyStoreContract {
    private static final Instant NOW = Instant.parse("2099-11-24T10:00:00Z");
    private static final String PAYEE = "0x" + "ab".repeat(20);

    protected abstract GroupBuyStore store();

    private static String randomOwner() {
        return "0x" + UUID.randomUUID().toString().replace("-", "") + "00000000";
    }

    static Campaign campaign(long max, long perUser) {
        return Campaign.open("cmp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20), "GPU credit",
                Campaign.CampaignKind.COUPON_BUNDLE, "gpu-vendor", "$100 credit",
                List.of(new PriceTier(1, 90_000_000), new PriceTier(5, 80_000_000)), 1, max, perUser, NOW.plusSeconds(3_600),
                new Campaign.Supply(CouponSource.UPLOAD, PAYEE, 60_000_000, 100_000_000, "USDC"));
    }

    private static Pledge pledge(Campaign campaign, String owner, long quantity) {
        return Pledge.of(OrderRepositoryContract.randomOrderId(), campaign.campaignId(), owner, quantity, campaign.unitPriceAt(quantity), NOW);
    }

    private static Coupon coupon(Campaign campaign) {
        String id = UUID.randomUUID().toString().replace("-", "");
        return Coupon.collected(id, campaign, new SealedCode("key-1", "d3JhcHBlZA==", "c2VhbGVk" + id), NOW.plusSeconds(86_400));
    }

    @Test
    void aCampaignRoundTripsAndIsCreatedOnce() {
        GroupBuyStore store = store();
        Campaign campaign = campaign(10, 5);
        store.createCampaign(campaign);
        assertThat(store.campaign(campaign.campaignId())).contains(campaign);
        assertThat(store.campaigns()).contains(campaign);
        assertThatThrownBy(() -> store.createCampaign(campaign)).isInstanceOf(ConditionFailedException.class);
        Campaign purchased = campaign.withPurchase("po-1");
        assertThat(store.replaceCampaign(campaign, purchased)).isTrue();
        assertThat(store.replaceCampaign(campaign, campaign.withPurchase("po-2"))).isFalse();
        assertThat(store.campaign(campaign.campaignId())).contains(purchased);
    }

    @Test
    void aPledgeIsAddedOnlyWithTheCampaignVersionItCounted() {
        GroupBuyStore store = store();
        Campaign campaign = campaign(10, 5);
        store.createCampaign(campaign);
        String owner = randomOwner();
        Pledge first = pledge(campaign, owner, 2);
        assertThat(store.addPledge(campaign, campaign.withPledged(2), first)).isTrue();
        Pledge stale = pledge(campaign, owner, 1);
        assertThat(store.addPledge(campaign, campaign.withPledged(1), stale)).isFalse();
        assertThat(store.pledge(stale.pledgeId())).isEmpty();

        assertThat(store.pledge(first.pledgeId())).contains(first);
        assertThat(store.pledges(campaign.campaignId())).containsExactly(first);
        assertThat(store.pledgesOf(owner)).containsExactly(first);
        assertThat(store.campaign(campaign.campaignId())).get().extracting(Campaign::pledged).isEqualTo(2L);
    }

    @Test
    void aWithdrawalMovesThePledgeAndTheCountTogether() {
        GroupBuyStore store = store();
        Campaign campaign = campaign(10, 5);
        store.createCampaign(campaign);
        Pledge pledge = pledge(campaign, randomOwner(), 3);
        Campaign counted = campaign.withPledged(3);
        store.addPledge(campaign, counted, pledge);
        Pledge funded = pledge.moveTo(Pledge.PledgeStatus.FUNDED);
        assertThat(store.replacePledge(pledge, funded)).isTrue();
        // The pledge moved since: neither half of a withdrawal made from the old pledge applies.
        assertThat(store.replacePledge(counted, counted.withPledged(-3), pledge, pledge.moveTo(Pledge.PledgeStatus.WITHDRAWN))).isFalse();
        assertThat(store.campaign(campaign.campaignId())).contains(counted);
        assertThat(store.replacePledge(counted, counted.withPledged(-3), funded, funded.moveTo(Pledge.PledgeStatus.WITHDRAWN))).isTrue();
        assertThat(store.pledge(pledge.pledgeId())).get().extracting(Pledge::status).isEqualTo(Pledge.PledgeStatus.WITHDRAWN);
        assertThat(store.campaign(campaign.campaignId())).get().extracting(Campaign::pledged).isEqualTo(0L);
    }

    @Test
    void couponsAreHeldOnceEachAndAllocatedOnceEach() {
        GroupBuyStore store = store();
        Campaign campaign = campaign(10, 5);
        store.createCampaign(campaign);
        String owner = randomOwner();
        Pledge pledge = pledge(campaign, owner, 1);
        store.addPledge(campaign, campaign.withPledged(1), pledge);
        Coupon first = coupon(campaign);
        Coupon second = coupon(campaign);
        assertThat(store.addCoupons(List.of(first, second))).containsExactlyInAnyOrder(first, second);
        assertThat(store.addCoupons(List.of(first))).isEmpty();
        assertThat(store.coupons(campaign.campaignId())).containsExactlyInAnyOrder(first, second);
        assertThat(store.coupon(first.couponId())).contains(first);

        assertThat(store.allocate(first, pledge)).isTrue();
        assertThat(store.allocate(first, pledge)).isFalse(); // the coupon is taken and the pledge has moved
        Pledge holding = store.pledge(pledge.pledgeId()).orElseThrow();
        assertThat(holding.couponsAllocated()).isEqualTo(1);
        assertThat(store.allocate(second, holding)).isFalse(); // a pledge of one unit holds one coupon
        assertThat(store.couponsOf(owner)).containsExactly(first.allocatedTo(pledge));
        assertThat(store.coupon(second.couponId())).contains(second);

        Coupon allocated = store.coupon(first.couponId()).orElseThrow();
        assertThat(store.replaceCoupon(allocated, allocated.redeemedFor("0x01"))).isTrue();
        assertThat(store.replaceCoupon(allocated, allocated.redeemedFor("0x02"))).isFalse();
    }

    @Test
    void racingDepositsNeverFundMoreThanTheCapAndUnfundedPledgesHoldNothing() throws Exception {
        GroupBuyStore store = store();
        Campaign campaign = campaign(12, 1);
        store.createCampaign(campaign);
        GroupBuyService service = new GroupBuyService(store, Clock.fixed(NOW, ZoneOffset.UTC));
        List<Pledge> pledges = new ArrayList<>();
        for (int i = 0; i < 30; i++) pledges.add(service.join(randomOwner(), campaign.campaignId(), 1));
        assertThat(store.campaign(campaign.campaignId())).get().extracting(Campaign::pledged).as("made, not paid: nothing held").isEqualTo(0L);

        PledgeFunding funding = new PledgeFunding(store, Metrics.NONE);
        List<Callable<Void>> deposits = new ArrayList<>();
        for (Pledge pledge : pledges) {
            deposits.add(() -> {
                funding.depositsChanged(pledge.pledgeId(), pledge.deposit());
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (Future<Void> deposit : pool.invokeAll(deposits)) deposit.get();
        } finally {
            pool.shutdownNow();
        }
        List<Pledge.PledgeStatus> statuses = store.pledges(campaign.campaignId()).stream().map(Pledge::status).toList();
        assertThat(statuses.stream().filter(s -> s == Pledge.PledgeStatus.FUNDED)).hasSize(12);
        assertThat(statuses.stream().filter(s -> s == Pledge.PledgeStatus.LAPSED)).as("paid after the campaign sold out: refunded").hasSize(18);
        assertThat(store.campaign(campaign.campaignId())).get().extracting(Campaign::pledged).isEqualTo(12L);
    }
}
