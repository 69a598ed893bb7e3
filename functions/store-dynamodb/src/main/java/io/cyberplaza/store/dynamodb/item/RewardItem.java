package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A row of the Rewards table as JSON: an epoch (partition {@code epochs}, sorted by number) or a
 * leaf (partition {@code leaves#<epoch>#<root>}, one row an account, found by account through the
 * sparse {@code byAccount} index).
 */
@DynamoDbBean
public class RewardItem {
    private String pk;
    private String sk;
    private String account;
    private Long epoch;
    private String body;
    private Long version;

    @DynamoDbPartitionKey
    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }

    @DynamoDbSortKey
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byAccount")
    public String getAccount() { return account; }
    public void setAccount(String account) { this.account = account; }

    @DynamoDbSecondarySortKey(indexNames = "byAccount")
    public Long getEpoch() { return epoch; }
    public void setEpoch(Long epoch) { this.epoch = epoch; }

    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
