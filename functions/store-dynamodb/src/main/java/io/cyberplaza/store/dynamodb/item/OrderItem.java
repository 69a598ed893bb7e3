package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbIgnoreNulls;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.util.Map;

/** Row of the Orders table. Times are epoch milliseconds so indexes can sort on them. */
@DynamoDbBean
public class OrderItem {
    private String orderId;
    private String owner;
    private OrderTermsItem terms;
    private String template;
    private TaskPlanItem plan;
    private Map<String, String> parameters;
    private String resourceId;
    private String couponId;
    private UsageItem usage;
    private String state;
    private Long escrowAmount;
    private Long deposited;
    private Long createdAt;
    private Long expiresAt;
    private Long updatedAt;
    private Long version;

    @DynamoDbPartitionKey
    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byOwner")
    public String getOwner() { return owner; }
    public void setOwner(String owner) { this.owner = owner; }

    public OrderTermsItem getTerms() { return terms; }
    public void setTerms(OrderTermsItem terms) { this.terms = terms; }

    public String getTemplate() { return template; }
    public void setTemplate(String template) { this.template = template; }

    public TaskPlanItem getPlan() { return plan; }
    public void setPlan(TaskPlanItem plan) { this.plan = plan; }

    public Map<String, String> getParameters() { return parameters; }
    public void setParameters(Map<String, String> parameters) { this.parameters = parameters; }

    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public String getCouponId() { return couponId; }
    public void setCouponId(String couponId) { this.couponId = couponId; }

    @DynamoDbIgnoreNulls
    public UsageItem getUsage() { return usage; }
    public void setUsage(UsageItem usage) { this.usage = usage; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byState")
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }

    public Long getEscrowAmount() { return escrowAmount; }
    public void setEscrowAmount(Long escrowAmount) { this.escrowAmount = escrowAmount; }

    public Long getDeposited() { return deposited; }
    public void setDeposited(Long deposited) { this.deposited = deposited; }

    @DynamoDbSecondarySortKey(indexNames = "byOwner")
    public Long getCreatedAt() { return createdAt; }
    public void setCreatedAt(Long createdAt) { this.createdAt = createdAt; }

    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }

    @DynamoDbSecondarySortKey(indexNames = "byState")
    public Long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Long updatedAt) { this.updatedAt = updatedAt; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
