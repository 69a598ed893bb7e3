package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** An order's usage; times in epoch milliseconds, absent while unknown. */
@DynamoDbBean
public class UsageItem {
    private Long startedAt;
    private Long endedAt;
    private Long usedSeconds;
    private Long lostSeconds;
    private String endReason;
    private Long meteredUnitSeconds;

    public Long getStartedAt() { return startedAt; }
    public void setStartedAt(Long startedAt) { this.startedAt = startedAt; }

    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long endedAt) { this.endedAt = endedAt; }

    public Long getUsedSeconds() { return usedSeconds; }
    public void setUsedSeconds(Long usedSeconds) { this.usedSeconds = usedSeconds; }

    public Long getLostSeconds() { return lostSeconds; }
    public void setLostSeconds(Long lostSeconds) { this.lostSeconds = lostSeconds; }

    public String getEndReason() { return endReason; }
    public void setEndReason(String endReason) { this.endReason = endReason; }

    public Long getMeteredUnitSeconds() { return meteredUnitSeconds; }
    public void setMeteredUnitSeconds(Long meteredUnitSeconds) { this.meteredUnitSeconds = meteredUnitSeconds; }
}
