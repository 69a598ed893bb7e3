package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbIgnoreNulls;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import java.util.List;

/**
 * Row of the ChainCursor table: either the cursor itself ({@code entry = "CURSOR"}) or one processed
 * block ({@code entry = "BLOCK#<zero-padded number>"}, expiring after the reorg window).
 */
@DynamoDbBean
public class ChainCursorItem {
    private String cursorId;
    private String entry;
    private Long lastBlock;
    private String lastBlockHash;
    private Long version;
    private Long number;
    private String hash;
    private String parentHash;
    private List<EscrowEventItem> events;
    private Long expiresAt;

    @DynamoDbPartitionKey
    public String getCursorId() { return cursorId; }
    public void setCursorId(String cursorId) { this.cursorId = cursorId; }

    @DynamoDbSortKey
    public String getEntry() { return entry; }
    public void setEntry(String entry) { this.entry = entry; }

    public Long getLastBlock() { return lastBlock; }
    public void setLastBlock(Long lastBlock) { this.lastBlock = lastBlock; }

    public String getLastBlockHash() { return lastBlockHash; }
    public void setLastBlockHash(String lastBlockHash) { this.lastBlockHash = lastBlockHash; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }

    public Long getNumber() { return number; }
    public void setNumber(Long number) { this.number = number; }

    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }

    public String getParentHash() { return parentHash; }
    public void setParentHash(String parentHash) { this.parentHash = parentHash; }

    @DynamoDbIgnoreNulls
    public List<EscrowEventItem> getEvents() { return events; }
    public void setEvents(List<EscrowEventItem> events) { this.events = events; }

    /** Epoch seconds, the unit DynamoDB TTL reads. */
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }
}
