package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

@DynamoDbBean
public class LoginNonceItem {
    private String nonce;
    private String address;
    private Long expiresAt;
    private Long ttl;

    @DynamoDbPartitionKey
    public String getNonce() { return nonce; }
    public void setNonce(String nonce) { this.nonce = nonce; }

    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }

    /** Epoch milliseconds; checked on use, because TTL deletion can lag by hours. */
    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }

    public Long getTtl() { return ttl; }
    public void setTtl(Long ttl) { this.ttl = ttl; }
}
