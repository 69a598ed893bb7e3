package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

@DynamoDbBean
public class InstanceItem {
    private String resourceId;
    private String vendor;
    private String orderId;
    private String status;
    private Long launchedAt;
    private Long lastEventAt;
    private Long runningSince;
    private Long endedAt;
    private Long version;

    @DynamoDbPartitionKey
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }

    public String getVendor() { return vendor; }
    public void setVendor(String vendor) { this.vendor = vendor; }

    public String getOrderId() { return orderId; }
    public void setOrderId(String orderId) { this.orderId = orderId; }

    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }

    public Long getLaunchedAt() { return launchedAt; }
    public void setLaunchedAt(Long launchedAt) { this.launchedAt = launchedAt; }

    public Long getLastEventAt() { return lastEventAt; }
    public void setLastEventAt(Long lastEventAt) { this.lastEventAt = lastEventAt; }

    public Long getRunningSince() { return runningSince; }
    public void setRunningSince(Long runningSince) { this.runningSince = runningSince; }

    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long endedAt) { this.endedAt = endedAt; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }
}
