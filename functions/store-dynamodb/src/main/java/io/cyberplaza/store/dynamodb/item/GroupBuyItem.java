package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A campaign, a pledge or a coupon, in its campaign's partition. {@code lookup} is what the row is
 * found by from outside its partition (a pledge's or coupon's id; {@code campaign} for campaigns),
 * {@code ownerKey} whose it is ({@code pledge:<owner>} or {@code coupon:<owner>}).
 */
@DynamoDbBean
public class GroupBuyItem {
    private String campaignId;
    private String row;
    private String body;
    private String lookup;
    private String ownerKey;
    private Long version;

    @DynamoDbPartitionKey
    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String campaignId) { this.campaignId = campaignId; }

    @DynamoDbSortKey
    public String getRow() { return row; }
    public void setRow(String row) { this.row = row; }

    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byLookup")
    public String getLookup() { return lookup; }
    public void setLookup(String lookup) { this.lookup = lookup; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byOwner")
    public String getOwnerKey() { return ownerKey; }
    public void setOwnerKey(String ownerKey) { this.ownerKey = ownerKey; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
