package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import java.util.List;

/**
 * A pricing round's summary ({@code entry} = the round's zero-padded epoch millis) or one of its
 * rejections ({@code entry} = millis + "#" + zero-padded sequence), under the round's UTC day, so a
 * day's rounds read newest first and a round reads summary first. {@code expiresAt} is the TTL.
 */
@DynamoDbBean
public class PricingRoundItem {
    private String day;
    private String entry;
    private Long expiresAt;
    private Integer observations;
    private Integer sourcesRead;
    private List<String> sourcesFailed;
    private Integer pricesPublished;
    private Integer feedsUpdated;
    private Integer rejectionsTotal;
    private String source;
    private String recordId;
    private String priceKey;
    private String reason;
    private String detail;

    @DynamoDbPartitionKey
    public String getDay() { return day; }
    public void setDay(String day) { this.day = day; }

    @DynamoDbSortKey
    public String getEntry() { return entry; }
    public void setEntry(String entry) { this.entry = entry; }

    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }

    public Integer getObservations() { return observations; }
    public void setObservations(Integer observations) { this.observations = observations; }

    public Integer getSourcesRead() { return sourcesRead; }
    public void setSourcesRead(Integer sourcesRead) { this.sourcesRead = sourcesRead; }

    public List<String> getSourcesFailed() { return sourcesFailed; }
    public void setSourcesFailed(List<String> sourcesFailed) { this.sourcesFailed = sourcesFailed; }

    public Integer getPricesPublished() { return pricesPublished; }
    public void setPricesPublished(Integer pricesPublished) { this.pricesPublished = pricesPublished; }

    public Integer getFeedsUpdated() { return feedsUpdated; }
    public void setFeedsUpdated(Integer feedsUpdated) { this.feedsUpdated = feedsUpdated; }

    public Integer getRejectionsTotal() { return rejectionsTotal; }
    public void setRejectionsTotal(Integer rejectionsTotal) { this.rejectionsTotal = rejectionsTotal; }

    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }

    public String getRecordId() { return recordId; }
    public void setRecordId(String recordId) { this.recordId = recordId; }

    public String getPriceKey() { return priceKey; }
    public void setPriceKey(String priceKey) { this.priceKey = priceKey; }

    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }

    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
}
