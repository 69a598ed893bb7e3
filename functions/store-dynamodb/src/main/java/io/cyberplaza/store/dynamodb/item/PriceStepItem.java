package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

@DynamoDbBean
public class PriceStepItem {
    private Integer minHours;
    private Long pricePerHour;

    public Integer getMinHours() { return minHours; }
    public void setMinHours(Integer minHours) { this.minHours = minHours; }

    /** Micro-USDC per unit-hour. */
    public Long getPricePerHour() { return pricePerHour; }
    public void setPricePerHour(Long pricePerHour) { this.pricePerHour = pricePerHour; }
}
