package io.cyberplaza.core.groupbuy;

import java.util.List;
import java.util.Optional;

/**
 * Port: campaigns with their pledges and coupons. A campaign's pledge count and a pledge, or a
 * coupon and the pledge it goes to, change together or not at all, each write conditional on the
 * version read, so the inventory cap and "each coupon once" hold under any concurrency.
 */
public interface GroupBuyStore {

    /** @throws io.cyberplaza.core.store.ConditionFailedException when a campaign with this id exists */
    void createCampaign(Campaign campaign);

    Optional<Campaign> campaign(String campaignId);

    /** Every campaign, open and closed. */
    List<Campaign> campaigns();

    boolean replaceCampaign(Campaign current, Campaign next);

    /** The campaign moves from {@code current} to {@code next} and {@code pledge} is created, or nothing changes. */
    boolean addPledge(Campaign current, Campaign next, Pledge pledge);

    /** Both replacements, or neither. */
    boolean replacePledge(Campaign current, Campaign next, Pledge currentPledge, Pledge nextPledge);

    boolean replacePledge(Pledge current, Pledge next);

    Optional<Pledge> pledge(String pledgeId);

    List<Pledge> pledges(String campaignId);

    /** Every pledge of {@code owner}, in any campaign. */
    List<Pledge> pledgesOf(String owner);

    /** Stores the coupons whose id it does not hold yet; returns those it stored. */
    List<Coupon> addCoupons(List<Coupon> coupons);

    Optional<Coupon> coupon(String couponId);

    List<Coupon> coupons(String campaignId);

    List<Coupon> couponsOf(String owner);

    /** The coupon goes to the pledge and the pledge counts it, or nothing changes. */
    boolean allocate(Coupon current, Pledge currentPledge);

    boolean replaceCoupon(Coupon current, Coupon next);
}
