package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

import java.util.Set;

@DynamoDbBean
public class AccountItem {
    private String address;
    private Set<String> roles;
    private Long version;
    private Long updatedAt;
    private String updatedBy;

    @DynamoDbPartitionKey
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }

    /** A string set; DynamoDB stores no empty sets, so an account with none has no attribute. */
    public Set<String> getRoles() { return roles; }
    public void setRoles(Set<String> roles) { this.roles = roles; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }

    public Long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Long updatedAt) { this.updatedAt = updatedAt; }

    public String getUpdatedBy() { return updatedBy; }
    public void setUpdatedBy(String updatedBy) { this.updatedBy = updatedBy; }
}
