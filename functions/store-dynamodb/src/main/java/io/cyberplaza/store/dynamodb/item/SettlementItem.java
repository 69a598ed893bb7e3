package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

@DynamoDbBean
public class SettlementItem {
    private String orderId;
    private String owner;
    private String provider;
    private Long deposit;
    private Long providerAmount;
    private Long fee;
    private Long refund;
    private Long releaseAt;
    private String status;
    private String outboxTxId;
    private Long version;

    @DynamoDbPartitionKey
    @DynamoDbSecondarySortKey(indexNames = {"byStatus", "byProvider"})
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }

    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }
    @DynamoDbSecondaryPartitionKey(indexNames = "byProvider")
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }

    public Long getDeposit() { return deposit; }
    public void setDeposit(Long deposit) { this.deposit = deposit; }

    public Long getProviderAmount() { return providerAmount; }
    public void setProviderAmount(Long providerAmount) { this.providerAmount = providerAmount; }

    public Long getFee() { return fee; }
    public void setFee(Long fee) { this.fee = fee; }

    public Long getRefund() { return refund; }
    public void setRefund(Long refund) { this.refund = refund; }

    @DynamoDbSecondarySortKey(indexNames = "byRelease")
    public Long getReleaseAt() { return releaseAt; }
    public void setReleaseAt(Long releaseAt) { this.releaseAt = releaseAt; }

    @DynamoDbSecondaryPartitionKey(indexNames = {"byStatus", "byRelease"})
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }

    public String getOutboxTxId() { return outboxTxId; }
    public void setOutboxTxId(String outboxTxId) { this.outboxTxId = outboxTxId; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
