package io.cyberplaza.core.fakes;

import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.Coupon;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.groupbuy.Pledge;
import io.cyberplaza.core.store.ConditionFailedException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One lock over the three maps stands in for the database's multi-row transactions. */
public final class InMemoryGroupBuyStore implements GroupBuyStore {
    private final Map<String, Campaign> campaigns = new HashMap<>();
    private final Map<String, Pledge> pledges = new HashMap<>();
    private final Map<String, Coupon> coupons = new HashMap<>();

    @Override
    public synchronized void createCampaign(Campaign campaign) {
        if (campaigns.putIfAbsent(campaign.campaignId(), campaign) != null) {
            throw new ConditionFailedException("campaign " + campaign.campaignId() + " exists");
        }
    }

    @Override
    public synchronized Optional<Campaign> campaign(String campaignId) {
        return Optional.ofNullable(campaigns.get(campaignId));
    }

    @Override
    public synchronized List<Campaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    @Override
    public synchronized boolean replaceCampaign(Campaign current, Campaign next) {
        return campaigns.replace(current.campaignId(), current, next);
    }

    @Override
    public synchronized boolean addPledge(Campaign current, Campaign next, Pledge pledge) {
        if (!current.equals(campaigns.get(current.campaignId())) || pledges.containsKey(pledge.pledgeId())) return false;
        campaigns.put(next.campaignId(), next);
        pledges.put(pledge.pledgeId(), pledge);
        return true;
    }

    @Override
    public synchronized boolean replacePledge(Campaign current, Campaign next, Pledge currentPledge, Pledge nextPledge) {
        if (!current.equals(campaigns.get(current.campaignId())) || !currentPledge.equals(pledges.get(currentPledge.pledgeId()))) return false;
        campaigns.put(next.campaignId(), next);
        pledges.put(nextPledge.pledgeId(), nextPledge);
        return true;
    }

    @Override
    public synchronized boolean replacePledge(Pledge current, Pledge next) {
        return pledges.replace(current.pledgeId(), current, next);
    }

    @Override
    public synchronized Optional<Pledge> pledge(String pledgeId) {
        return Optional.ofNullable(pledges.get(pledgeId));
    }

    @Override
    public synchronized List<Pledge> pledges(String campaignId) {
        return pledges.values().stream().filter(p -> p.campaignId().equals(campaignId)).toList();
    }

    @Override
    public synchronized List<Pledge> pledgesOf(String owner) {
        return pledges.values().stream().filter(p -> p.owner().equals(owner)).toList();
    }

    @Override
    public synchronized List<Coupon> addCoupons(List<Coupon> added) {
        List<Coupon> stored = new ArrayList<>();
        for (Coupon coupon : added) if (coupons.putIfAbsent(coupon.couponId(), coupon) == null) stored.add(coupon);
        return stored;
    }

    @Override
    public synchronized Optional<Coupon> coupon(String couponId) {
        return Optional.ofNullable(coupons.get(couponId));
    }

    @Override
    public synchronized List<Coupon> coupons(String campaignId) {
        return coupons.values().stream().filter(c -> c.campaignId().equals(campaignId)).toList();
    }

    @Override
    public synchronized List<Coupon> couponsOf(String owner) {
        return coupons.values().stream().filter(c -> owner.equals(c.owner())).toList();
    }

    @Override
    public synchronized boolean allocate(Coupon current, Pledge currentPledge) {
        if (!current.equals(coupons.get(current.couponId())) || !currentPledge.equals(pledges.get(currentPledge.pledgeId()))
                || currentPledge.isFullyAllocated()) {
            return false;
        }
        coupons.put(current.couponId(), current.allocatedTo(currentPledge));
        pledges.put(currentPledge.pledgeId(), currentPledge.withOneMoreCoupon());
        return true;
    }

    @Override
    public synchronized boolean replaceCoupon(Coupon current, Coupon next) {
        return coupons.replace(current.couponId(), current, next);
    }
}
