package io.cyberplaza.provisioner.aws;

import io.cyberplaza.core.pricing.Canonical;
import io.cyberplaza.core.pricing.Observation;
import io.cyberplaza.core.pricing.PriceSource;
import io.cyberplaza.vendor.MachinePrices;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSpotPriceHistoryRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SpotPrice;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * EC2 spot prices, which AWS publishes through {@code DescribeSpotPriceHistory} rather than the Price
 * List: Linux/UNIX, the machine types the marketplace compares, in each configured region, followed
 * through {@code NextToken}. The history of the last hour holds the price in effect at its start, so
 * the newest entry per zone and machine type is the price now, whenever it was set: it is observed now.
 */
public final class AwsSpotPrices implements PriceSource {
    public static final String NAME = "aws-spot";
    private static final Duration WINDOW = Duration.ofHours(1);

    private final List<Ec2Client> regions;
    private final List<String> instanceTypes;
    private final Clock clock;

    /** @param regions one client per region read */
    public AwsSpotPrices(List<Ec2Client> regions, List<String> instanceTypes, Clock clock) {
        this.regions = List.copyOf(regions);
        this.instanceTypes = List.copyOf(instanceTypes);
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void read(Consumer<Observation> sink) {
        Instant now = clock.instant();
        for (Ec2Client ec2 : regions) {
            String region = ec2.serviceClientConfiguration().region().id();
            Map<String, SpotPrice> newest = new HashMap<>();
            ec2.describeSpotPriceHistoryPaginator(DescribeSpotPriceHistoryRequest.builder().instanceTypesWithStrings(instanceTypes)
                            .filters(Filter.builder().name("product-description").values("Linux/UNIX").build())
                            .startTime(now.minus(WINDOW)).endTime(now).build())
                    .spotPriceHistory().forEach(price -> newest.merge(price.availabilityZone() + "/" + price.instanceTypeAsString(), price,
                            (kept, other) -> other.timestamp().isAfter(kept.timestamp()) ? other : kept));
            newest.values().stream().sorted(java.util.Comparator.comparing(SpotPrice::availabilityZone)
                            .thenComparing(SpotPrice::instanceTypeAsString))
                    .forEach(price -> MachinePrices.emit(NAME, price.availabilityZone() + "/" + price.instanceTypeAsString(), region,
                            price.instanceTypeAsString(), Canonical.shape(price.instanceTypeAsString()),
                            price.spotPrice() == null ? null : new BigDecimal(price.spotPrice()), "USD", true, now, sink));
        }
    }
}
