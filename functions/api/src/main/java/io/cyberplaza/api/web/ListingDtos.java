package io.cyberplaza.api.web;

import io.cyberplaza.core.capacity.CapacityWindow;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.offer.Benchmark;
import io.cyberplaza.core.offer.BenchmarkKind;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.pricing.MarketPrices;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.offer.HpcPartition;
import io.cyberplaza.core.offer.ListingDraft;
import io.cyberplaza.core.offer.PriceStep;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.offer.SlaTerms;
import io.cyberplaza.core.provider.Provider;
import io.cyberplaza.provisioner.MachineSpec;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the listing, provider and operator routes. Amounts are strings of micro-USDC. */
public final class ListingDtos {
    private ListingDtos() {
    }

    static final String RESOURCE_TYPE = "CPU|GPU|FPGA|STORAGE|SOFTWARE";
    static final String BENCHMARK_KIND = "HPL|HPCG|STREAM|MLPERF";
    static final String AMOUNT = "[1-9][0-9]{0,15}";

    @Serdeable
    @Schema(name = "SlaTerms")
    public record SlaBody(@Schema(description = "Availability over a run in basis points", example = "9950") @Min(9_000) @Max(10_000) int availabilityBps,
                          @Schema(description = "Longest time from funding to a running resource", example = "15") @Min(1) @Max(1_440) int maxStartMinutes) {
        SlaTerms toTerms() {
            return new SlaTerms(availabilityBps, maxStartMinutes);
        }

        static SlaBody of(SlaTerms sla) {
            return new SlaBody(sla.availabilityBps(), sla.maxStartMinutes());
        }
    }

    @Serdeable
    @Schema(name = "Benchmark")
    public record BenchmarkBody(@Schema(description = "HPL, HPCG, STREAM or MLPERF", example = "HPL") @NotNull @Pattern(regexp = BENCHMARK_KIND) String kind,
                                @Schema(description = "The result, a decimal as published", example = "51.25") @NotNull @DecimalMin(value = "0", inclusive = false) @Max(1_000_000_000_000L) BigDecimal value,
                                @Schema(example = "TFLOP/s") @NotBlank @Size(max = 32) String unit,
                                @Schema(example = "2026-10-01") @NotNull LocalDate measuredOn,
                                @Schema(description = "Where the run's output can be checked", example = "https://example.org/hpl-run.txt")
                                @NotBlank @Size(max = 512) @Pattern(regexp = "https://\\S+") String evidenceUrl) {
        Benchmark toBenchmark() {
            return new Benchmark(BenchmarkKind.valueOf(kind), value, unit, measuredOn, evidenceUrl);
        }

        static BenchmarkBody of(Benchmark b) {
            return new BenchmarkBody(b.kind().name(), b.value(), b.unit(), b.measuredOn(), b.evidenceUrl());
        }
    }

    @Serdeable
    @Schema(name = "CapacityWindowRequest", description = "Capacity on sale in a time window, e.g. 1,000 core-hours in the next 24 hours")
    public record CapacityBody(@NotNull Instant start,
                               @NotNull Instant end,
                               @Schema(description = "Unit-hours on sale in the window", example = "1000") @Min(1) @Max(100_000_000) long unitHours) {
        CapacityWindow toWindow() {
            if (!end.isAfter(start)) throw new DomainException(ErrorType.INVALID_REQUEST, "a capacity window must end after it starts");
            return CapacityWindow.offered(start, end, Math.multiplyExact(unitHours, 3_600L));
        }
    }

    @Serdeable
    @Schema(name = "CapacityWindow")
    public record CapacityView(Instant start, Instant end,
                               @Schema(description = "Unit-seconds on sale", example = "3600000") long totalUnitSeconds,
                               @Schema(description = "Unit-seconds not yet held by orders; never negative", example = "3596400") long availableUnitSeconds) {
        static CapacityView of(CapacityWindow w) {
            return new CapacityView(w.start(), w.end(), w.totalUnitSeconds(), w.availableUnitSeconds());
        }
    }

    @Serdeable
    @Schema(name = "PriceStep", description = "Orders of at least minHours pay this price per unit-hour instead")
    public record PriceStepBody(@Schema(example = "24") @Min(1) @Max(8_760) int minHours,
                                @Schema(description = "Micro-USDC per unit-hour", example = "9000000") @NotNull @Pattern(regexp = AMOUNT) String pricePerHour) {
        PriceStep toStep() {
            return new PriceStep(minHours, Long.parseLong(pricePerHour));
        }

        static PriceStepBody of(PriceStep step) {
            return new PriceStepBody(step.minHours(), Long.toString(step.pricePerHour()));
        }
    }

    @Serdeable
    @Schema(name = "OfferRequest", description = "An offer as its provider lists or revises it")
    public record OfferBody(@Schema(example = "8 cores of an EPYC server") @NotBlank @Size(max = 120) String title,
                            @Schema(description = "CPU, GPU, FPGA, STORAGE or SOFTWARE", example = "CPU") @NotNull @Pattern(regexp = RESOURCE_TYPE) String resourceType,
                            @Schema(example = "eu-west") @NotBlank @Size(max = 32) @Pattern(regexp = "[a-z0-9-]+") String region,
                            @Schema(description = "What one unit is", example = "core") @NotBlank @Size(max = 32) String unit,
                            @Schema(description = "Micro-USDC per unit-hour", example = "10000000") @NotNull @Pattern(regexp = AMOUNT) String pricePerHour,
                            @Schema(description = "Which deployed provisioner launches it (the kind of one of the deployment's vendor modules)") @NotBlank @Size(max = 32) String provisioner,
                            @Schema(description = "Workload templates buyers may run", example = "[\"prime-sieve\"]") @NotNull @Size(max = 16) List<@NotBlank @Size(max = 64) String> templates,
                            @Schema(example = "4") @Min(1) @Max(1_024) int maxUnits,
                            @Schema(example = "24") @Min(1) @Max(8_760) int maxHours,
                            @NotNull @Valid SlaBody sla,
                            @NotNull @Size(max = 16) List<@Valid BenchmarkBody> benchmarks,
                            @Schema(description = "Capacity windows; none means no limit") @Nullable @Size(max = 32) List<@Valid CapacityBody> capacity,
                            @Schema(description = "The price list past the list price: longer orders pay less") @Nullable @Size(max = 8)
                            List<@Valid PriceStepBody> priceSteps,
                            @Schema(description = "For HPC offers: the batch partition sold (its orders may be sweeps and workflows)")
                            @Nullable @Valid PartitionView partition) {
        ListingDraft toDraft() {
            return new ListingDraft(title, ResourceType.valueOf(resourceType), region, unit, Long.parseLong(pricePerHour), provisioner,
                    templates, maxUnits, maxHours, sla.toTerms(), benchmarks.stream().map(BenchmarkBody::toBenchmark).toList(),
                    capacity == null ? List.of() : capacity.stream().map(CapacityBody::toWindow).toList(),
                    priceSteps == null ? List.of() : priceSteps.stream().map(PriceStepBody::toStep).toList(),
                    partition == null ? null : partition.toPartition());
        }
    }

    @Serdeable
    @Schema(name = "Listing", description = "An offer with its standing, promises and measurements")
    public record ListingView(@Schema(example = "off-3fa91c0d2b7e") String offerId,
                              @Schema(example = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") String provider,
                              @Schema(description = "ACTIVE, SUSPENDED or WITHDRAWN", example = "ACTIVE") String status,
                              @Nullable String statusReason,
                              String title, String resourceType, String region, String unit,
                              @Schema(description = "List price: micro-USDC per unit-hour", example = "10000000") String pricePerHour,
                              @Schema(description = "Lower prices for longer orders") List<PriceStepBody> priceSteps,
                              @Schema(description = "BASIC, VERIFIED, CERTIFIED or PARTNER", example = "CERTIFIED") String tier,
                              @Schema(description = "The certified badge", example = "true") boolean certified,
                              @Schema(description = "Platform fee in basis points", example = "300") int feeBps,
                              String provisioner, List<String> templates, int maxUnits, int maxHours,
                              SlaBody sla, List<BenchmarkBody> benchmarks, List<CapacityView> capacity,
                              @Schema(description = "For public-cloud offers: the vendor machine and where it may launch") @Nullable MachineView machine,
                              @Schema(description = "For HPC offers: the batch partition; the price is per core-hour, or per GPU-hour when billed by the GPU")
                              @Nullable PartitionView partition,
                              @Schema(description = "What an hour at the list price costs now: the list price, or for the platform's cloud resale the vendor's own current price less the resale discount when that is lower", example = "9360")
                              String pricePerHourNow,
                              @Schema(description = "The market's current price of what the offer sells, where it is comparable and recent") @Nullable MarketView market,
                              Instant updatedAt) {
        static ListingView of(Listing l, List<CapacityWindow> capacity, MarketPrices.PricedOffer priced) {
            var o = l.offer();
            return new ListingView(o.offerId(), o.providerAddress(), l.status().name(), l.statusReason(), o.title(),
                    o.resourceType().name(), o.region(), o.unit(), Long.toString(o.pricePerHour()),
                    o.priceSteps().stream().map(PriceStepBody::of).toList(), o.tier().name(), o.tier().isCertified(),
                    o.tier().feeBps(), o.provisioner(), o.templates(), o.maxUnits(), o.maxHours(), SlaBody.of(l.sla()),
                    l.benchmarks().stream().map(BenchmarkBody::of).toList(), capacity.stream().map(CapacityView::of).toList(),
                    MachineView.of(o.machine()), PartitionView.of(o.partition()), Long.toString(priced.offer().pricePerHour()), MarketView.of(priced.market()), l.updatedAt());
        }
    }

    @Serdeable
    @Schema(name = "Market", description = "A published price: the median of the vendors' and providers' lists that agree")
    public record MarketView(@Schema(description = "What is priced: unit, region class, and GPU model or vendor machine type", example = "vcpu_hour/us-east") String key,
                             @Schema(description = "Micro-USD per unit-hour", example = "41500") String pricePerHour,
                             @Schema(description = "How many sources it is the median of", example = "3") int sources,
                             Instant publishedAt) {
        static MarketView of(PriceRepository.PublishedPrice price) {
            return price == null ? null
                    : new MarketView(price.key().toString(), Long.toString(price.microUsd()), price.sources(), price.publishedAt());
        }
    }

    @Serdeable
    @Schema(name = "Partition", description = "An HPC offer's batch partition: its hardware, longest job, and billing unit")
    public record PartitionView(@Schema(description = "The scheduler's partition", example = "compute") @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}") String name,
                                @Schema(example = "128") @Min(1) @Max(100_000) int nodes,
                                @Schema(example = "64") @Min(1) @Max(4_096) int coresPerNode,
                                @Schema(example = "256000") @Min(1) @Max(1L << 40) long memoryMbPerNode,
                                @Schema(example = "0") @Min(0) @Max(64) int gpusPerNode,
                                @Schema(description = "The longest time limit a task may have", example = "2880") @Min(1) @Max(525_600) int maxWallMinutes,
                                @Schema(description = "CORE (price per core-hour) or GPU (price per GPU-hour)", example = "CORE")
                                @NotNull @Pattern(regexp = "CORE|GPU") String billedBy) {
        HpcPartition toPartition() {
            return new HpcPartition(name, nodes, coresPerNode, memoryMbPerNode, gpusPerNode, maxWallMinutes, HpcPartition.BilledBy.valueOf(billedBy));
        }

        static PartitionView of(HpcPartition p) {
            return p == null ? null : new PartitionView(p.name(), p.nodes(), p.coresPerNode(), p.memoryMbPerNode(), p.gpusPerNode(),
                    p.maxWallMinutes(), p.billedBy().name());
        }
    }

    @Serdeable
    @Schema(name = "Machine", description = "A public-cloud offer's machine")
    public record MachineView(@Schema(description = "The vendor's machine type", example = "t3.micro") String machineType,
                              @Schema(description = "Bought on the spot market (may be reclaimed by the vendor)", example = "false") boolean spot,
                              @Schema(description = "Zones or regions a launch may use, most preferred first", example = "[\"us-east-1a\", \"us-east-1b\"]")
                              List<String> locations) {
        static MachineView of(MachineSpec machine) {
            return machine == null ? null : new MachineView(machine.machineType(), machine.spot(), machine.locations());
        }
    }

    @Serdeable
    @Schema(name = "ProviderRequest")
    public record ProviderBody(@Schema(example = "Acme Compute") @NotBlank @Size(max = 80) String name) {
    }

    @Serdeable
    @Schema(name = "Provider")
    public record ProviderView(@Schema(example = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8") String address,
                               @Schema(example = "Acme Compute") String name,
                               @Schema(example = "CERTIFIED") String tier,
                               @Schema(description = "The certified badge") boolean certified,
                               @Schema(description = "Micro-USDC of service a month, as evaluated (certified only)", example = "12000000000")
                               @Nullable String monthlyOfferedValue,
                               @Nullable Instant certifiedAt) {
        static ProviderView of(Provider p) {
            var c = p.certification();
            return new ProviderView(p.address(), p.name(), p.tier().name(), p.certified(),
                    c == null ? null : Long.toString(c.monthlyOfferedValue()), c == null ? null : c.certifiedAt());
        }
    }

    @Serdeable
    @Schema(name = "CertificationRequest")
    public record CertificationBody(@Schema(description = "Micro-USDC of service offered a month; at least 10,000 USDC", example = "12000000000")
                                    @NotNull @Pattern(regexp = AMOUNT) String monthlyOfferedValue,
                                    @Schema(description = "The evaluation record", example = "Racks audited; 99.95 % availability over 90 days")
                                    @NotBlank @Size(max = 2_000) String evaluation) {
    }

    @Serdeable
    @Schema(name = "SuspensionRequest")
    public record SuspensionBody(@Schema(example = "benchmark evidence under review") @NotBlank @Size(max = 500) String reason) {
    }
}
