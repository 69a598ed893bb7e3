package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

import java.util.Map;

/** Row of the Quotes table; {@code ttl} (epoch seconds) lets DynamoDB drop it a day after it expires. */
@DynamoDbBean
public class QuoteItem {
    private String quoteId;
    private String owner;
    private OrderTermsItem terms;
    private String template;
    private TaskPlanItem plan;
    private Map<String, String> parameters;
    private Long estimate;
    private Long contingency;
    private Long createdAt;
    private Long expiresAt;
    private Long ttl;
    private String marketKey;
    private Long marketMicroUsd;
    private Integer marketSources;
    private Long marketAt;
    private Long usdPerUsdcMicros;
    private Long pegAt;
    private String buyerVotingPower;
    private Integer feeDiscountBps;

    @DynamoDbPartitionKey
    public String getQuoteId() { return quoteId; }
    public void setQuoteId(String quoteId) { this.quoteId = quoteId; }

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

    public Long getEstimate() { return estimate; }
    public void setEstimate(Long estimate) { this.estimate = estimate; }

    public Long getContingency() { return contingency; }
    public void setContingency(Long contingency) { this.contingency = contingency; }

    public Long getCreatedAt() { return createdAt; }
    public void setCreatedAt(Long createdAt) { this.createdAt = createdAt; }

    public Long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(Long expiresAt) { this.expiresAt = expiresAt; }

    public Long getTtl() { return ttl; }
    public void setTtl(Long ttl) { this.ttl = ttl; }

    public String getMarketKey() { return marketKey; }
    public void setMarketKey(String marketKey) { this.marketKey = marketKey; }

    public Long getMarketMicroUsd() { return marketMicroUsd; }
    public void setMarketMicroUsd(Long marketMicroUsd) { this.marketMicroUsd = marketMicroUsd; }

    public Integer getMarketSources() { return marketSources; }
    public void setMarketSources(Integer marketSources) { this.marketSources = marketSources; }

    public Long getMarketAt() { return marketAt; }
    public void setMarketAt(Long marketAt) { this.marketAt = marketAt; }

    public Long getUsdPerUsdcMicros() { return usdPerUsdcMicros; }
    public void setUsdPerUsdcMicros(Long usdPerUsdcMicros) { this.usdPerUsdcMicros = usdPerUsdcMicros; }

    public Long getPegAt() { return pegAt; }
    public void setPegAt(Long pegAt) { this.pegAt = pegAt; }

    public String getBuyerVotingPower() { return buyerVotingPower; }
    public void setBuyerVotingPower(String buyerVotingPower) { this.buyerVotingPower = buyerVotingPower; }

    public Integer getFeeDiscountBps() { return feeDiscountBps; }
    public void setFeeDiscountBps(Integer feeDiscountBps) { this.feeDiscountBps = feeDiscountBps; }
}
