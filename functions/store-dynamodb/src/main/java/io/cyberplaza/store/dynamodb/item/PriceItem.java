package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/** A key's current price ({@code round} = "current") or one round of its history ({@code round} = "h#" + zero-padded epoch millis). */
@DynamoDbBean
public class PriceItem {
    private String priceKey;
    private String round;
    private String unit;
    private String region;
    private String model;
    private Boolean spot;
    private Long microUsd;
    private Integer sources;
    private Long publishedAt;

    @DynamoDbPartitionKey
    public String getPriceKey() { return priceKey; }
    public void setPriceKey(String priceKey) { this.priceKey = priceKey; }

    @DynamoDbSortKey
    public String getRound() { return round; }
    public void setRound(String round) { this.round = round; }

    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }

    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }

    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }

    public Boolean getSpot() { return spot; }
    public void setSpot(Boolean spot) { this.spot = spot; }

    public Long getMicroUsd() { return microUsd; }
    public void setMicroUsd(Long microUsd) { this.microUsd = microUsd; }

    public Integer getSources() { return sources; }
    public void setSources(Integer sources) { this.sources = sources; }

    public Long getPublishedAt() { return publishedAt; }
    public void setPublishedAt(Long publishedAt) { this.publishedAt = publishedAt; }
}
