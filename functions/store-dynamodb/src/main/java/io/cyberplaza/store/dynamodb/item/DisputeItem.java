package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** A dispute as JSON, beside what it is found by: the provider it is about, its status, when it was opened. */
@DynamoDbBean
public class DisputeItem {
    private String disputeId;
    private String body;
    private String provider;
    private String status;
    private Long openedAt;
    private Long version;

    @DynamoDbPartitionKey
    public String getDisputeId() { return disputeId; }
    public void setDisputeId(String disputeId) { this.disputeId = disputeId; }

    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byProvider")
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }

    @DynamoDbSecondarySortKey(indexNames = {"byProvider", "byStatus"})
    public Long getOpenedAt() { return openedAt; }
    public void setOpenedAt(Long openedAt) { this.openedAt = openedAt; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
