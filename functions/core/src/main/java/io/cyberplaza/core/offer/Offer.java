package io.cyberplaza.core.offer;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.provisioner.MachineSpec;

import java.util.List;
import java.util.Objects;

/**
 * Compute a provider sells. The price is micro-USDC per hour per unit (one unit = one instance of
 * what {@code unit} describes), billed by the second.
 *
 * @param provisioner  which adapter launches it: the kind of a vendor module the deployment carries
 * @param templates    for application-catalog providers, the workload templates buyers may run
 * @param maxHours     the longest a single order may buy
 * @param priceSteps   the price list past the list price: longer orders pay less per hour
 * @param machine      for public-cloud offers, the vendor machine and the locations it may launch in; else null
 * @param partition    for HPC offers, the batch partition; its orders may be sweeps and workflows; else null
 */
public record Offer(
        String offerId,
        String providerId,
        String providerAddress,
        String title,
        ResourceType resourceType,
        String region,
        String unit,
        long pricePerHour,
        FeeTier tier,
        String provisioner,
        List<String> templates,
        int maxUnits,
        int maxHours,
        List<PriceStep> priceSteps,
        MachineSpec machine,
        HpcPartition partition) {

    public static final int MAX_PRICE_STEPS = 8;

    public Offer(String offerId, String providerId, String providerAddress, String title, ResourceType resourceType, String region,
                 String unit, long pricePerHour, FeeTier tier, String provisioner, List<String> templates, int maxUnits, int maxHours,
                 List<PriceStep> priceSteps, MachineSpec machine) {
        this(offerId, providerId, providerAddress, title, resourceType, region, unit, pricePerHour, tier, provisioner, templates,
                maxUnits, maxHours, priceSteps, machine, null);
    }

    /** A workload offer: no cloud machine. */
    public Offer(String offerId, String providerId, String providerAddress, String title, ResourceType resourceType, String region,
                 String unit, long pricePerHour, FeeTier tier, String provisioner, List<String> templates, int maxUnits, int maxHours,
                 List<PriceStep> priceSteps) {
        this(offerId, providerId, providerAddress, title, resourceType, region, unit, pricePerHour, tier, provisioner, templates,
                maxUnits, maxHours, priceSteps, null);
    }

    /** An offer with one price for every duration. */
    public Offer(String offerId, String providerId, String providerAddress, String title, ResourceType resourceType, String region,
                 String unit, long pricePerHour, FeeTier tier, String provisioner, List<String> templates, int maxUnits, int maxHours) {
        this(offerId, providerId, providerAddress, title, resourceType, region, unit, pricePerHour, tier, provisioner, templates,
                maxUnits, maxHours, List.of(), null);
    }

    public Offer {
        Objects.requireNonNull(offerId, "offerId");
        Objects.requireNonNull(providerAddress, "providerAddress");
        Objects.requireNonNull(resourceType, "resourceType");
        Objects.requireNonNull(tier, "tier");
        templates = List.copyOf(templates);
        if (pricePerHour <= 0) throw new IllegalArgumentException("offer " + offerId + " needs a positive price");
        if (maxUnits < 1 || maxHours < 1) throw new IllegalArgumentException("offer " + offerId + " needs limits of at least 1");
        priceSteps = List.copyOf(priceSteps);
        if (priceSteps.size() > MAX_PRICE_STEPS) throw new IllegalArgumentException("at most " + MAX_PRICE_STEPS + " price steps");
        long previousPrice = pricePerHour;
        int previousHours = 0;
        for (PriceStep step : priceSteps) {
            if (step.minHours() <= previousHours || step.pricePerHour() >= previousPrice) {
                throw new IllegalArgumentException("price steps must start later and cost less than the step before");
            }
            previousHours = step.minHours();
            previousPrice = step.pricePerHour();
        }
        if (partition != null) {
            if (machine != null) throw new IllegalArgumentException("an offer sells a cloud machine or an HPC partition, not both");
            if (maxUnits > partition.unitsInAll()) throw new IllegalArgumentException("a task cannot hold more units than the partition has");
            if (maxHours * 60L > partition.maxWallMinutes()) throw new IllegalArgumentException("a task cannot outlast the partition's longest time limit");
        }
    }

    /** Whether one order may run many tasks (a sweep, a workflow): the batch partitions of HPC offers. */
    public boolean runsTaskPlans() {
        return partition != null;
    }

    /** The price per unit-hour an order of {@code seconds} pays: the last step it reaches, else the list price. */
    public long pricePerHourFor(long seconds) {
        long price = pricePerHour;
        for (PriceStep step : priceSteps) if (seconds >= step.minHours() * 3_600L) price = step.pricePerHour();
        return price;
    }

    /** This offer at no more than {@code ceiling} per unit-hour: the list price and every step above it brought down to it. */
    public Offer cappedAt(long ceiling) {
        if (ceiling >= pricePerHour) return this;
        List<PriceStep> below = priceSteps.stream().filter(step -> step.pricePerHour() < ceiling).toList();
        return new Offer(offerId, providerId, providerAddress, title, resourceType, region, unit, ceiling, tier, provisioner,
                templates, maxUnits, maxHours, below, machine, partition);
    }

    public Offer withTier(FeeTier newTier) {
        return new Offer(offerId, providerId, providerAddress, title, resourceType, region, unit, pricePerHour, newTier, provisioner,
                templates, maxUnits, maxHours, priceSteps, machine, partition);
    }
}
