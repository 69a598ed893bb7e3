package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;

import java.util.List;

@DynamoDbBean
public class ListingItem {
    private String offerId;
    private String providerId;
    private String provider;
    private String status;
    private String title;
    private String resourceType;
    private String region;
    private String unit;
    private Long pricePerHour;
    private String tier;
    private String provisioner;
    private List<String> templates;
    private Integer maxUnits;
    private Integer maxHours;
    private Integer availabilityBps;
    private Integer maxStartMinutes;
    private List<BenchmarkItem> benchmarks;
    private List<PriceStepItem> priceSteps;
    private MachineItem machine;
    private PartitionItem partition;
    private String statusReason;
    private Long version;
    private Long updatedAt;

    @DynamoDbPartitionKey
    @DynamoDbSecondarySortKey(indexNames = {"byStatus", "byProvider"})
    public String getOfferId() { return offerId; }
    public void setOfferId(String offerId) { this.offerId = offerId; }

    public String getProviderId() { return providerId; }
    public void setProviderId(String providerId) { this.providerId = providerId; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byProvider")
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }

    @DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }

    public String getResourceType() { return resourceType; }
    public void setResourceType(String resourceType) { this.resourceType = resourceType; }

    public String getRegion() { return region; }
    public void setRegion(String region) { this.region = region; }

    public String getUnit() { return unit; }
    public void setUnit(String unit) { this.unit = unit; }

    /** Micro-USDC per unit-hour. */
    public Long getPricePerHour() { return pricePerHour; }
    public void setPricePerHour(Long pricePerHour) { this.pricePerHour = pricePerHour; }

    public String getTier() { return tier; }
    public void setTier(String tier) { this.tier = tier; }

    public String getProvisioner() { return provisioner; }
    public void setProvisioner(String provisioner) { this.provisioner = provisioner; }

    public List<String> getTemplates() { return templates; }
    public void setTemplates(List<String> templates) { this.templates = templates; }

    public Integer getMaxUnits() { return maxUnits; }
    public void setMaxUnits(Integer maxUnits) { this.maxUnits = maxUnits; }

    public Integer getMaxHours() { return maxHours; }
    public void setMaxHours(Integer maxHours) { this.maxHours = maxHours; }

    public Integer getAvailabilityBps() { return availabilityBps; }
    public void setAvailabilityBps(Integer availabilityBps) { this.availabilityBps = availabilityBps; }

    public Integer getMaxStartMinutes() { return maxStartMinutes; }
    public void setMaxStartMinutes(Integer maxStartMinutes) { this.maxStartMinutes = maxStartMinutes; }

    public List<BenchmarkItem> getBenchmarks() { return benchmarks; }
    public void setBenchmarks(List<BenchmarkItem> benchmarks) { this.benchmarks = benchmarks; }

    public List<PriceStepItem> getPriceSteps() { return priceSteps; }
    public void setPriceSteps(List<PriceStepItem> priceSteps) { this.priceSteps = priceSteps; }

    public String getStatusReason() { return statusReason; }
    public void setStatusReason(String statusReason) { this.statusReason = statusReason; }

    public Long getVersion() { return version; }
    public void setVersion(Long version) { this.version = version; }

    public Long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Long updatedAt) { this.updatedAt = updatedAt; }

    public MachineItem getMachine() { return machine; }
    public void setMachine(MachineItem machine) { this.machine = machine; }

    public PartitionItem getPartition() { return partition; }
    public void setPartition(PartitionItem partition) { this.partition = partition; }
}
