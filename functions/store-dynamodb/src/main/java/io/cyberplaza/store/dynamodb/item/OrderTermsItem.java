package io.cyberplaza.store.dynamodb.item;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

@DynamoDbBean
public class OrderTermsItem {
    private String offerId;
    private String provider;
    private String provisioner;
    private Long pricePerHour;
    private Integer units;
    private Long purchasedSeconds;
    private Integer feeBps;
    private Integer feeDiscountBps;
    private Long disputeWindowSeconds;
    private MachineItem machine;

    public String getOfferId() { return offerId; }
    public void setOfferId(String offerId) { this.offerId = offerId; }

    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }

    public String getProvisioner() { return provisioner; }
    public void setProvisioner(String provisioner) { this.provisioner = provisioner; }

    public Long getPricePerHour() { return pricePerHour; }
    public void setPricePerHour(Long pricePerHour) { this.pricePerHour = pricePerHour; }

    public Integer getUnits() { return units; }
    public void setUnits(Integer units) { this.units = units; }

    public Long getPurchasedSeconds() { return purchasedSeconds; }
    public void setPurchasedSeconds(Long purchasedSeconds) { this.purchasedSeconds = purchasedSeconds; }

    public Integer getFeeBps() { return feeBps; }
    public void setFeeBps(Integer feeBps) { this.feeBps = feeBps; }

    public Integer getFeeDiscountBps() { return feeDiscountBps; }
    public void setFeeDiscountBps(Integer feeDiscountBps) { this.feeDiscountBps = feeDiscountBps; }

    public Long getDisputeWindowSeconds() { return disputeWindowSeconds; }
    public void setDisputeWindowSeconds(Long disputeWindowSeconds) { this.disputeWindowSeconds = disputeWindowSeconds; }

    public MachineItem getMachine() { return machine; }
    public void setMachine(MachineItem machine) { this.machine = machine; }
}
