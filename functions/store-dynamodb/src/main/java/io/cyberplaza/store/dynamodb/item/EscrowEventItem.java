package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** An escrow event nested in a processed-block row: one shape for every event type. */
@DynamoDbBean
public class EscrowEventItem {
    private String type;
    private String txHash;
    private Long logIndex;
    private String orderId;
    private String owner;
    private String party;
    private String reason;
    private Long amount;
    private Long total;
    private Long fee;
    private Long refund;
    private Long releaseAt;

    public String getType() { return type; }
    public void setType(String type) { this.type = type; }

    public String getTxHash() { return txHash; }
    public void setTxHash(String txHash) { this.txHash = txHash; }

    public Long getLogIndex() { return logIndex; }
    public void setLogIndex(Long logIndex) { this.logIndex = logIndex; }

    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }

    /** The payer of a deposit or reclaim, the provider of a settlement. */
    public String getParty() { return party; }
    public void setParty(String party) { this.party = party; }

    /** The deposit or reclaim amount, or the provider's amount of a settlement. */
    public Long getAmount() { return amount; }
    public void setAmount(Long amount) { this.amount = amount; }

    public Long getTotal() { return total; }
    public void setTotal(Long total) { this.total = total; }

    public Long getFee() { return fee; }
    public void setFee(Long fee) { this.fee = fee; }

    public Long getRefund() { return refund; }
    public void setRefund(Long refund) { this.refund = refund; }

    public Long getReleaseAt() { return releaseAt; }
    public void setReleaseAt(Long releaseAt) { this.releaseAt = releaseAt; }

    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
