package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.Coupon;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.groupbuy.Pledge;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.store.dynamodb.item.GroupBuyItem;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Campaigns, pledges and coupons in one table, partitioned by campaign: a pledge and the count, or
 * a coupon and its pledge, are one transaction. Each row is its record as JSON beside the version
 * every write is conditional on; two sparse indexes find pledges and coupons by id and by owner.
 */
final class DynamoGroupBuyStore implements GroupBuyStore {
    static final TableSchema<GroupBuyItem> SCHEMA = TableSchema.fromBean(GroupBuyItem.class);
    private static final String CAMPAIGN_ROW = "campaign";

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<GroupBuyItem> table;
    private final DynamoDbIndex<GroupBuyItem> byLookup;
    private final DynamoDbIndex<GroupBuyItem> byOwner;

    DynamoGroupBuyStore(DynamoDbEnhancedClient client, String tableName) {
        this.client = client;
        this.table = client.table(tableName, SCHEMA);
        this.byLookup = table.index("byLookup");
        this.byOwner = table.index("byOwner");
    }

    private static GroupBuyItem item(Object value) {
        GroupBuyItem item = new GroupBuyItem();
        item.setBody(RecordJson.write(value));
        switch (value) {
            case Campaign c -> {
                item.setCampaignId(c.campaignId());
                item.setRow(CAMPAIGN_ROW);
                item.setLookup(CAMPAIGN_ROW);
                item.setVersion(c.version());
            }
            case Pledge p -> {
                item.setCampaignId(p.campaignId());
                item.setRow("pledge#" + p.pledgeId());
                item.setLookup(p.pledgeId());
                item.setOwnerKey("pledge:" + p.owner());
                item.setVersion(p.version());
            }
            case Coupon c -> {
                item.setCampaignId(c.campaignId());
                item.setRow("coupon#" + c.couponId());
                item.setLookup(c.couponId());
                if (c.owner() != null) item.setOwnerKey("coupon:" + c.owner());
                item.setVersion(c.version());
            }
            default -> throw new IllegalArgumentException("not a group-buy record: " + value.getClass());
        }
        return item;
    }

    private static <T> T read(GroupBuyItem item, Class<T> type) {
        return RecordJson.read(item.getBody(), type);
    }

    /** A put of {@code next} that applies only over the row still at {@code currentVersion}. */
    private TransactPutItemEnhancedRequest<GroupBuyItem> replacing(long currentVersion, Object next) {
        return TransactPutItemEnhancedRequest.builder(GroupBuyItem.class).item(item(next))
                .conditionExpression(Conditions.versionIs(currentVersion)).build();
    }

    private boolean replace(long currentVersion, Object next) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(GroupBuyItem.class).item(item(next))
                    .conditionExpression(Conditions.versionIs(currentVersion)).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    /** Both writes or neither; false when a condition failed or another transaction held a row. */
    private boolean together(TransactPutItemEnhancedRequest<GroupBuyItem> first, TransactPutItemEnhancedRequest<GroupBuyItem> second) {
        try {
            client.transactWriteItems(TransactWriteItemsEnhancedRequest.builder().addPutItem(table, first).addPutItem(table, second).build());
            return true;
        } catch (TransactionCanceledException lost) {
            return false;
        }
    }

    @Override
    public void createCampaign(Campaign campaign) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(GroupBuyItem.class).item(item(campaign))
                    .conditionExpression(Conditions.notExists("campaignId")).build());
        } catch (ConditionalCheckFailedException exists) {
            throw new ConditionFailedException("campaign " + campaign.campaignId() + " exists");
        }
    }

    @Override
    public Optional<Campaign> campaign(String campaignId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(campaignId).sortValue(CAMPAIGN_ROW).build())
                .consistentRead(true))).map(item -> read(item, Campaign.class));
    }

    @Override
    public List<Campaign> campaigns() {
        // The index is eventually consistent; every campaign found is read again, consistently.
        List<Campaign> campaigns = new ArrayList<>();
        for (GroupBuyItem item : items(byLookup.query(QueryConditional.keyEqualTo(k -> k.partitionValue(CAMPAIGN_ROW))))) {
            campaign(item.getCampaignId()).ifPresent(campaigns::add);
        }
        return campaigns;
    }

    @Override
    public boolean replaceCampaign(Campaign current, Campaign next) {
        return replace(current.version(), next);
    }

    @Override
    public boolean addPledge(Campaign current, Campaign next, Pledge pledge) {
        return together(replacing(current.version(), next), TransactPutItemEnhancedRequest.builder(GroupBuyItem.class).item(item(pledge))
                .conditionExpression(Conditions.notExists("campaignId")).build());
    }

    @Override
    public boolean replacePledge(Campaign current, Campaign next, Pledge currentPledge, Pledge nextPledge) {
        return together(replacing(current.version(), next), replacing(currentPledge.version(), nextPledge));
    }

    @Override
    public boolean replacePledge(Pledge current, Pledge next) {
        return replace(current.version(), next);
    }

    @Override
    public Optional<Pledge> pledge(String pledgeId) {
        return found(pledgeId, Pledge.class);
    }

    @Override
    public List<Pledge> pledges(String campaignId) {
        return rows(campaignId, "pledge#", Pledge.class);
    }

    @Override
    public List<Pledge> pledgesOf(String owner) {
        return items(byOwner.query(QueryConditional.keyEqualTo(k -> k.partitionValue("pledge:" + owner)))).stream()
                .map(item -> read(item, Pledge.class)).toList();
    }

    @Override
    public List<Coupon> addCoupons(List<Coupon> coupons) {
        List<Coupon> added = new ArrayList<>();
        for (Coupon coupon : coupons) {
            try {
                table.putItem(PutItemEnhancedRequest.builder(GroupBuyItem.class).item(item(coupon))
                        .conditionExpression(Conditions.notExists("campaignId")).build());
                added.add(coupon);
            } catch (ConditionalCheckFailedException held) {
                // The same code delivered again: the coupon already held stands.
            }
        }
        return added;
    }

    @Override
    public Optional<Coupon> coupon(String couponId) {
        return found(couponId, Coupon.class);
    }

    @Override
    public List<Coupon> coupons(String campaignId) {
        return rows(campaignId, "coupon#", Coupon.class);
    }

    @Override
    public List<Coupon> couponsOf(String owner) {
        return items(byOwner.query(QueryConditional.keyEqualTo(k -> k.partitionValue("coupon:" + owner)))).stream()
                .map(item -> read(item, Coupon.class)).toList();
    }

    @Override
    public boolean allocate(Coupon current, Pledge currentPledge) {
        if (currentPledge.isFullyAllocated()) return false;
        return together(replacing(current.version(), current.allocatedTo(currentPledge)),
                replacing(currentPledge.version(), currentPledge.withOneMoreCoupon()));
    }

    @Override
    public boolean replaceCoupon(Coupon current, Coupon next) {
        return replace(current.version(), next);
    }

    /** A pledge or coupon by id: found through the index, then read consistently from its partition. */
    private <T> Optional<T> found(String id, Class<T> type) {
        for (GroupBuyItem hit : items(byLookup.query(QueryConditional.keyEqualTo(k -> k.partitionValue(id))))) {
            GroupBuyItem item = table.getItem(r -> r.key(Key.builder().partitionValue(hit.getCampaignId()).sortValue(hit.getRow()).build())
                    .consistentRead(true));
            if (item != null) return Optional.of(read(item, type));
        }
        return Optional.empty();
    }

    private <T> List<T> rows(String campaignId, String rowPrefix, Class<T> type) {
        return table.query(r -> r.queryConditional(QueryConditional.sortBeginsWith(k -> k.partitionValue(campaignId).sortValue(rowPrefix)))
                .consistentRead(true)).items().stream().map(item -> read(item, type)).toList();
    }

    private static List<GroupBuyItem> items(SdkIterable<Page<GroupBuyItem>> pages) {
        List<GroupBuyItem> items = new ArrayList<>();
        pages.forEach(page -> items.addAll(page.items()));
        return items;
    }
}
