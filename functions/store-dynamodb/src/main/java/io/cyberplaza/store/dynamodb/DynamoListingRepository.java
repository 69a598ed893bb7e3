package io.cyberplaza.store.dynamodb;

import io.cyberplaza.core.money.FeeTier;
import io.cyberplaza.core.offer.Benchmark;
import io.cyberplaza.core.offer.BenchmarkKind;
import io.cyberplaza.core.offer.Listing;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.offer.ListingStatus;
import io.cyberplaza.core.offer.Offer;
import io.cyberplaza.core.offer.PriceStep;
import io.cyberplaza.core.offer.ResourceType;
import io.cyberplaza.core.offer.SlaTerms;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.store.dynamodb.item.BenchmarkItem;
import io.cyberplaza.store.dynamodb.item.ListingItem;
import io.cyberplaza.store.dynamodb.item.MachineItem;
import io.cyberplaza.store.dynamodb.item.PartitionItem;
import io.cyberplaza.store.dynamodb.item.PriceStepItem;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

final class DynamoListingRepository implements ListingRepository {
    static final TableSchema<ListingItem> SCHEMA = TableSchema.fromBean(ListingItem.class);

    private final DynamoDbTable<ListingItem> table;

    DynamoListingRepository(DynamoDbEnhancedClient client, String tableName) {
        this.table = client.table(tableName, SCHEMA);
    }

    @Override
    public void create(Listing listing) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(ListingItem.class).item(toItem(listing))
                    .conditionExpression(Conditions.notExists("offerId")).build());
        } catch (ConditionalCheckFailedException taken) {
            throw new ConditionFailedException("offer " + listing.offerId() + " exists", taken);
        }
    }

    @Override
    public Optional<Listing> find(String offerId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(offerId).build()).consistentRead(true)))
                .map(DynamoListingRepository::toListing);
    }

    @Override
    public boolean replace(Listing expected, Listing next) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(ListingItem.class).item(toItem(next))
                    .conditionExpression(Conditions.versionIs(expected.version())).build());
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public List<Listing> findByStatus(ListingStatus status) {
        return query("byStatus", status.name());
    }

    @Override
    public List<Listing> findByProvider(String provider) {
        return query("byProvider", provider);
    }

    private List<Listing> query(String index, String value) {
        // Index reads are eventually consistent: fine for browsing; changes are decided on the item read consistently (findCurrent).
        return table.index(index).query(QueryConditional.keyEqualTo(k -> k.partitionValue(value))).stream()
                .flatMap(page -> page.items().stream()).map(DynamoListingRepository::toListing).toList();
    }

    private static ListingItem toItem(Listing listing) {
        Offer o = listing.offer();
        ListingItem item = new ListingItem();
        item.setOfferId(o.offerId());
        item.setProviderId(o.providerId());
        item.setProvider(o.providerAddress());
        item.setStatus(listing.status().name());
        item.setTitle(o.title());
        item.setResourceType(o.resourceType().name());
        item.setRegion(o.region());
        item.setUnit(o.unit());
        item.setPricePerHour(o.pricePerHour());
        item.setTier(o.tier().name());
        item.setProvisioner(o.provisioner());
        item.setTemplates(o.templates());
        item.setMaxUnits(o.maxUnits());
        item.setMaxHours(o.maxHours());
        item.setAvailabilityBps(listing.sla().availabilityBps());
        item.setMaxStartMinutes(listing.sla().maxStartMinutes());
        item.setBenchmarks(listing.benchmarks().stream().map(DynamoListingRepository::toItem).toList());
        item.setPriceSteps(o.priceSteps().stream().map(step -> {
            PriceStepItem stepItem = new PriceStepItem();
            stepItem.setMinHours(step.minHours());
            stepItem.setPricePerHour(step.pricePerHour());
            return stepItem;
        }).toList());
        item.setMachine(MachineItem.of(o.machine()));
        item.setPartition(PartitionItem.of(o.partition()));
        item.setStatusReason(listing.statusReason());
        item.setVersion(listing.version());
        item.setUpdatedAt(listing.updatedAt().toEpochMilli());
        return item;
    }

    private static BenchmarkItem toItem(Benchmark b) {
        BenchmarkItem item = new BenchmarkItem();
        item.setKind(b.kind().name());
        item.setValue(b.value().toPlainString());
        item.setUnit(b.unit());
        item.setMeasuredOn(b.measuredOn().toString());
        item.setEvidenceUrl(b.evidenceUrl());
        return item;
    }

    private static Listing toListing(ListingItem item) {
        Offer offer = new Offer(item.getOfferId(), item.getProviderId(), item.getProvider(), item.getTitle(),
                ResourceType.valueOf(item.getResourceType()), item.getRegion(), item.getUnit(), item.getPricePerHour(),
                FeeTier.valueOf(item.getTier()), item.getProvisioner(), item.getTemplates() == null ? List.of() : item.getTemplates(),
                item.getMaxUnits(), item.getMaxHours(), item.getPriceSteps() == null ? List.of()
                : item.getPriceSteps().stream().map(step -> new PriceStep(step.getMinHours(), step.getPricePerHour())).toList(),
                MachineItem.toMachine(item.getMachine()), PartitionItem.toPartition(item.getPartition()));
        List<Benchmark> benchmarks = item.getBenchmarks() == null ? List.of() : item.getBenchmarks().stream()
                .map(b -> new Benchmark(BenchmarkKind.valueOf(b.getKind()), new BigDecimal(b.getValue()), b.getUnit(),
                        LocalDate.parse(b.getMeasuredOn()), b.getEvidenceUrl())).toList();
        return new Listing(offer, ListingStatus.valueOf(item.getStatus()), new SlaTerms(item.getAvailabilityBps(), item.getMaxStartMinutes()),
                benchmarks, item.getStatusReason(), item.getVersion(), Instant.ofEpochMilli(item.getUpdatedAt()));
    }
}
