package io.cyberplaza.store.document;

import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.Coupon;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.groupbuy.Pledge;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.store.document.DocumentStore.Document;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentStore.Write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A campaign, its pledges and its coupons share the campaign's partition, so a pledge and the count,
 * or a coupon and its pledge, are written in one atomic commit. Each document carries its kind and
 * the fields looked up across partitions (a pledge or coupon by id, an owner's pledges and coupons).
 */
final class DocumentGroupBuyStore implements GroupBuyStore {
    private static final String KIND = "kind", PLEDGE_ID = "pledgeId", COUPON_ID = "couponId";
    private static final String PLEDGE_OWNER = "pledgeOwner", COUPON_OWNER = "couponOwner";
    private static final String CAMPAIGN_ROW = "campaign";

    private final DocumentStore store;
    private final String collection;

    DocumentGroupBuyStore(DocumentStore store, String collection) {
        this.store = store;
        this.collection = collection;
    }

    private static DocumentKey key(Campaign campaign) {
        return new DocumentKey(campaign.campaignId(), CAMPAIGN_ROW);
    }

    private static DocumentKey key(Pledge pledge) {
        return new DocumentKey(pledge.campaignId(), "pledge-" + pledge.pledgeId());
    }

    private static DocumentKey key(Coupon coupon) {
        return new DocumentKey(coupon.campaignId(), "coupon-" + coupon.couponId());
    }

    private static Map<String, Object> fields(Object value) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(DocumentTable.BODY, DocumentCodec.write(value));
        switch (value) {
            case Campaign c -> fields.put(KIND, "campaign");
            case Pledge p -> {
                fields.put(KIND, "pledge");
                fields.put(PLEDGE_ID, p.pledgeId());
                fields.put(PLEDGE_OWNER, p.owner());
            }
            case Coupon c -> {
                fields.put(KIND, "coupon");
                fields.put(COUPON_ID, c.couponId());
                fields.put(COUPON_OWNER, c.owner());
            }
            default -> throw new IllegalArgumentException("not a group-buy record: " + value.getClass());
        }
        return fields;
    }

    private static <T> T decode(Document document, Class<T> type) {
        return DocumentCodec.read(document.string(DocumentTable.BODY), type);
    }

    /** The stored document of {@code key} if it still holds {@code expected}: its etag, to write against. */
    private Optional<String> etagIf(DocumentKey key, Object expected) {
        return store.get(collection, key).filter(d -> decode(d, expected.getClass()).equals(expected)).map(Document::etag);
    }

    private Write replace(DocumentKey key, String etag, Object next) {
        return new Write.Replace(collection, key, etag, fields(next));
    }

    @Override
    public void createCampaign(Campaign campaign) {
        if (!store.commit(new Write.Create(collection, key(campaign), fields(campaign)))) {
            throw new ConditionFailedException("campaign " + campaign.campaignId() + " exists");
        }
    }

    @Override
    public Optional<Campaign> campaign(String campaignId) {
        return store.get(collection, new DocumentKey(campaignId, CAMPAIGN_ROW)).map(d -> decode(d, Campaign.class));
    }

    @Override
    public List<Campaign> campaigns() {
        return store.where(collection, KIND, "campaign").stream().map(d -> decode(d, Campaign.class)).toList();
    }

    @Override
    public boolean replaceCampaign(Campaign current, Campaign next) {
        return etagIf(key(current), current).map(etag -> store.commit(replace(key(next), etag, next))).orElse(false);
    }

    @Override
    public boolean addPledge(Campaign current, Campaign next, Pledge pledge) {
        return etagIf(key(current), current).map(etag -> store.commit(List.of(replace(key(next), etag, next),
                new Write.Create(collection, key(pledge), fields(pledge))))).orElse(false);
    }

    @Override
    public boolean replacePledge(Campaign current, Campaign next, Pledge currentPledge, Pledge nextPledge) {
        Optional<String> campaignEtag = etagIf(key(current), current);
        Optional<String> pledgeEtag = etagIf(key(currentPledge), currentPledge);
        if (campaignEtag.isEmpty() || pledgeEtag.isEmpty()) return false;
        return store.commit(List.of(replace(key(next), campaignEtag.get(), next), replace(key(nextPledge), pledgeEtag.get(), nextPledge)));
    }

    @Override
    public boolean replacePledge(Pledge current, Pledge next) {
        return etagIf(key(current), current).map(etag -> store.commit(replace(key(next), etag, next))).orElse(false);
    }

    @Override
    public Optional<Pledge> pledge(String pledgeId) {
        return store.where(collection, PLEDGE_ID, pledgeId).stream().findFirst().map(d -> decode(d, Pledge.class));
    }

    @Override
    public List<Pledge> pledges(String campaignId) {
        return ofKind(campaignId, "pledge", Pledge.class);
    }

    @Override
    public List<Pledge> pledgesOf(String owner) {
        return store.where(collection, PLEDGE_OWNER, owner).stream().map(d -> decode(d, Pledge.class)).toList();
    }

    @Override
    public List<Coupon> addCoupons(List<Coupon> coupons) {
        List<Coupon> added = new ArrayList<>();
        for (Coupon coupon : coupons) {
            // One commit each: a code already held fails only its own create.
            if (store.commit(new Write.Create(collection, key(coupon), fields(coupon)))) added.add(coupon);
        }
        return added;
    }

    @Override
    public Optional<Coupon> coupon(String couponId) {
        return store.where(collection, COUPON_ID, couponId).stream().findFirst().map(d -> decode(d, Coupon.class));
    }

    @Override
    public List<Coupon> coupons(String campaignId) {
        return ofKind(campaignId, "coupon", Coupon.class);
    }

    @Override
    public List<Coupon> couponsOf(String owner) {
        return store.where(collection, COUPON_OWNER, owner).stream().map(d -> decode(d, Coupon.class)).toList();
    }

    @Override
    public boolean allocate(Coupon current, Pledge currentPledge) {
        if (currentPledge.isFullyAllocated()) return false;
        Optional<String> couponEtag = etagIf(key(current), current);
        Optional<String> pledgeEtag = etagIf(key(currentPledge), currentPledge);
        if (couponEtag.isEmpty() || pledgeEtag.isEmpty()) return false;
        Coupon allocated = current.allocatedTo(currentPledge);
        Pledge counted = currentPledge.withOneMoreCoupon();
        return store.commit(List.of(replace(key(allocated), couponEtag.get(), allocated), replace(key(counted), pledgeEtag.get(), counted)));
    }

    @Override
    public boolean replaceCoupon(Coupon current, Coupon next) {
        return etagIf(key(current), current).map(etag -> store.commit(replace(key(next), etag, next))).orElse(false);
    }

    private <T> List<T> ofKind(String campaignId, String kind, Class<T> type) {
        return store.rows(collection, campaignId, null, 0).stream().filter(d -> kind.equals(d.fields().get(KIND)))
                .map(d -> decode(d, type)).toList();
    }
}
