package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbIgnoreNulls;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import java.math.BigInteger;
import java.util.List;

/**
 * Row of the TxOutbox table: a sender's nonce lease ({@code entry = "LEASE"}) or one transaction
 * ({@code entry = "TX#<id>"}). {@code pendingSender} is set only while a transaction is not final,
 * which keeps the pendingBySender index small (a sparse index).
 */
@DynamoDbBean
public class TxOutboxItem {
    private String sender;
    private String entry;
    private String leaseOwner;
    private Long leaseExpiresAt;
    private Long nextNonce;
    private String id;
    private Long chainId;
    private String to;
    private String data;
    private BigInteger value;
    private Long nonce;
    private BigInteger gasLimit;
    private List<TxAttemptItem> attempts;
    private String status;
    private String pendingSender;
    private String minedTxHash;
    private Long minedBlock;
    private BigInteger gasUsed;
    private Long version;
    private Long expiresAt;

    @DynamoDbPartitionKey
    public String getSender() { return sender; }
    public void setSender(String sender) { this.sender = sender; }

    @DynamoDbSortKey
    public String getEntry() { return entry; }
    public void setEntry(String entry) { this.entry = entry; }

    public String getLeaseOwner() { return leaseOwner; }
    public void setLeaseOwner(String leaseOwner) { this.leaseOwner = leaseOwner; }

    public Long getLeaseExpiresAt() { return leaseExpiresAt; }
    public void setLeaseExpiresAt(Long leaseExpiresAt) { this.leaseExpiresAt = leaseExpiresAt; }

    public Long getNextNonce() { return nextNonce; }
    public void setNextNonce(Long nextNonce) { this.nextNonce = nextNonce; }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }

    public Long getChainId() { return chainId; }
    public void setChainId(Long chainId) { this.chainId = chainId; }

    public String getTo() { return to; }
    public void setTo(String to) { this.to = to; }

    public String getData() { return data; }
    public void setData(String data) { this.data = data; }

    public BigInteger getValue() { return value; }
    public void setValue(BigInteger value) { this.value = value; }

    @DynamoDbSecondarySortKey(indexNames = "pendingBySender")
    public Long getNonce() { return nonce; }
    public void setNonce(Long nonce) { this.nonce = nonce; }

    public BigInteger getGasLimit() { return gasLimit; }
    public void setGasLimit(BigInteger gasLimit) { this.gasLimit = gasLimit; }

    @DynamoDbIgnoreNulls
    public List<TxAttemptItem> getAttempts() { return attempts; }
    public void setAttempts(List<TxAttemptItem> attempts) { this.attempts = attempts; }

    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }

    @DynamoDbSecondaryPartitionKey(indexNames = "pendingBySender")
    public String getPendingSender() { return pendingSender; }
    public void setPendingSender(String pendingSender) { this.pendingSender = pendingSender; }

    public String getMinedTxHash() { return minedTxHash; }
    public void setMinedTxHash(String minedTxHash) { this.minedTxHash = minedTxHash; }

    public Long getMinedBlock() { return minedBlock; }
    public void setMinedBlock(Long minedBlock) { this.minedBlock = minedBlock; }

    public BigInteger getGasUsed() { return gasUsed; }
    public void setGasUsed(BigInteger gasUsed) { this.gasUsed = gasUsed; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }

    /** Epoch seconds; set on final transactions so the outbox does not grow for ever. */
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
}
