package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

@DynamoDbBean
public class ProviderItem {
    private String address;
    private String name;
    private String tier;
    private Long monthlyOfferedValue;
    private String evaluation;
    private Long certifiedAt;
    private String certifiedBy;
    private Long version;
    private Long updatedAt;

    @DynamoDbPartitionKey
    public String getAddress() { return address; }
    public void setAddress(String address) { this.address = address; }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }

    public String getTier() { return tier; }
    public void setTier(String tier) { this.tier = tier; }

    /** Present only while certified: micro-USDC of service offered a month, as evaluated. */
    public Long getMonthlyOfferedValue() { return monthlyOfferedValue; }
    public void setMonthlyOfferedValue(Long monthlyOfferedValue) { this.monthlyOfferedValue = monthlyOfferedValue; }

    public String getEvaluation() { return evaluation; }
    public void setEvaluation(String evaluation) { this.evaluation = evaluation; }

    public Long getCertifiedAt() { return certifiedAt; }
    public void setCertifiedAt(Long certifiedAt) { this.certifiedAt = certifiedAt; }

    public String getCertifiedBy() { return certifiedBy; }
    public void setCertifiedBy(String certifiedBy) { this.certifiedBy = certifiedBy; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }

    public Long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Long updatedAt) { this.updatedAt = updatedAt; }
}
