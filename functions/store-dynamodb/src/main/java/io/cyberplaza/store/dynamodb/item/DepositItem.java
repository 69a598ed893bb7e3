package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

/** Row of the Deposits table, keyed by {@code txHash#logIndex}. */
@DynamoDbBean
public class DepositItem {
    private String eventKey;
    private String orderId;
    private String payer;
    private Long amount;
    private Long total;
    private Long blockNumber;
    private String blockHash;

    @DynamoDbPartitionKey
    public String getEventKey() { return eventKey; }
    public void setEventKey(String eventKey) { this.eventKey = eventKey; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byOrder")
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }

    public String getPayer() { return payer; }
    public void setPayer(String payer) { this.payer = payer; }

    public Long getAmount() { return amount; }
    public void setAmount(Long amount) { this.amount = amount; }

    public Long getTotal() { return total; }
    public void setTotal(Long total) { this.total = total; }

    @DynamoDbSecondarySortKey(indexNames = "byOrder")
    public Long getBlockNumber() { return blockNumber; }
    public void setBlockNumber(Long blockNumber) { this.blockNumber = blockNumber; }

    public String getBlockHash() { return blockHash; }
    public void setBlockHash(String blockHash) { this.blockHash = blockHash; }
}
