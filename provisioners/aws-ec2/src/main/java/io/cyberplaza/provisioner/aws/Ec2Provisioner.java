package io.cyberplaza.provisioner.aws;

import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.MachineSpec;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.ProvisionException.Reason;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceInterruptionBehavior;
import software.amazon.awssdk.services.ec2.model.InstanceMarketOptionsRequest;
import software.amazon.awssdk.services.ec2.model.MarketType;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.ShutdownBehavior;
import software.amazon.awssdk.services.ec2.model.SpotInstanceType;
import software.amazon.awssdk.services.ec2.model.SpotMarketOptions;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The platform's EC2 instances (AWS SDK v2). A launch carries its key twice: as the
 * {@code ClientToken}, which makes EC2 itself answer a repeated RunInstances with the first
 * instance, and as the {@code cyberplaza:launch-key} tag, looked up before launching, which finds
 * the instance of an earlier attempt in emulators that do not keep client tokens and across the
 * token's own expiry. Resource ids are {@code region/instance-id}. The SDK's own retries are off:
 * the resilience layer decides when to try again.
 */
public final class Ec2Provisioner implements Provisioner {
    private static final Logger log = LoggerFactory.getLogger(Ec2Provisioner.class);
    public static final String KIND = "aws-ec2";
    public static final String ORDER_TAG = "cyberplaza:order";
    public static final String ENV_TAG = "cyberplaza:env";
    public static final String KEY_TAG = "cyberplaza:launch-key";

    private static final Pattern ZONE = Pattern.compile("^([a-z]{2}(?:-[a-z]+)+-\\d+)[a-z]$");
    private static final Set<String> CAPACITY_ERRORS = Set.of("InsufficientInstanceCapacity", "InsufficientHostCapacity",
            "InsufficientCapacity", "InsufficientReservedInstanceCapacity", "Unsupported", "SpotMaxPriceTooLow",
            "MaxSpotInstanceCountExceeded");
    private static final Set<String> THROTTLING_ERRORS = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException",
            "RequestThrottled");
    private static final Set<String> GONE_ERRORS = Set.of("InvalidInstanceID.NotFound", "InvalidInstanceID.Malformed");

    private static final int MAX_TERMINATIONS_PER_CALL = 1_000;

    private final Ec2Settings settings;
    private final Map<String, Ec2Client> clients = new ConcurrentHashMap<>();

    public Ec2Provisioner(Ec2Settings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String regionOf(String location) {
        Matcher zone = ZONE.matcher(location);
        return zone.matches() ? zone.group(1) : location;
    }

    @Override
    public String regionOfResource(String resourceId) {
        return parse(resourceId).region();
    }

    @Override
    public Optional<Resource> findLaunched(LaunchRequest request, String idempotencyKey) {
        String region = regionOf(request.requireLocation());
        return call("find the launch " + idempotencyKey, () -> client(region).describeInstancesPaginator(r -> r.filters(
                        Filter.builder().name("tag:" + KEY_TAG).values(idempotencyKey).build()))
                .reservations().stream().flatMap(reservation -> reservation.instances().stream())
                .max(Comparator.comparing(Instance::launchTime))
                .map(instance -> toResource(region, instance)));
    }

    @Override
    public Resource launch(LaunchRequest request, String idempotencyKey) {
        MachineSpec machine = request.requireOneMachine("EC2");
        if (request.template() == null || !request.template().startsWith("ami-")) {
            throw new ProvisionException(Reason.INVALID, "an EC2 launch needs an AMI id as its template");
        }
        Optional<Resource> earlier = findLaunched(request, idempotencyKey);
        if (earlier.isPresent()) return earlier.get();

        String location = request.requireLocation();
        String region = regionOf(location);
        List<Tag> tags = new ArrayList<>();
        request.tags().forEach((key, value) -> tags.add(Tag.builder().key(key).value(value).build()));
        tags.add(Tag.builder().key(KEY_TAG).value(idempotencyKey).build());
        RunInstancesRequest.Builder run = RunInstancesRequest.builder()
                .clientToken(idempotencyKey)
                .imageId(request.template())
                .instanceType(machine.machineType())
                .minCount(1).maxCount(1)
                // A machine shut down from inside is gone, not parked and billed for its disk.
                .instanceInitiatedShutdownBehavior(ShutdownBehavior.TERMINATE)
                .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build());
        if (!location.equals(region)) run.placement(p -> p.availabilityZone(location));
        String subnet = settings.subnetsByZone().get(location);
        if (subnet != null) run.subnetId(subnet);
        if (machine.spot()) {
            run.instanceMarketOptions(InstanceMarketOptionsRequest.builder().marketType(MarketType.SPOT)
                    .spotOptions(SpotMarketOptions.builder().spotInstanceType(SpotInstanceType.ONE_TIME)
                            .instanceInterruptionBehavior(InstanceInterruptionBehavior.TERMINATE).build())
                    .build());
        }
        Instance instance = call("launch " + machine.machineType() + " in " + location,
                () -> client(region).runInstances(run.build()).instances().getFirst());
        log.info("EC2 instance {} launched in {} for order {}", instance.instanceId(), location, request.orderId());
        return toResource(region, instance);
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        InstanceRef ref = parse(resourceId);
        try {
            return call("describe " + resourceId, () -> client(ref.region()).describeInstances(r -> r.instanceIds(ref.instanceId()))
                    .reservations().stream().flatMap(reservation -> reservation.instances().stream()).findFirst()
                    .map(instance -> toResource(ref.region(), instance)));
        } catch (Gone e) {
            return Optional.empty();
        }
    }

    @Override
    public void stop(String resourceId) {
        InstanceRef ref = parse(resourceId);
        try {
            call("stop " + resourceId, () -> client(ref.region()).stopInstances(r -> r.instanceIds(ref.instanceId())));
        } catch (Gone e) {
            // Nothing left to stop.
        }
    }

    @Override
    public void terminate(String resourceId) {
        InstanceRef ref = parse(resourceId);
        try {
            call("terminate " + resourceId, () -> client(ref.region()).terminateInstances(r -> r.instanceIds(ref.instanceId())));
        } catch (Gone e) {
            // Already gone for good.
        }
    }

    /** One TerminateInstances call per region and thousand instances (its limit). */
    @Override
    public void terminateAll(List<String> resourceIds) {
        Map<String, List<String>> byRegion = resourceIds.stream().map(Ec2Provisioner::parse).collect(Collectors.groupingBy(
                InstanceRef::region, Collectors.mapping(InstanceRef::instanceId, Collectors.toList())));
        byRegion.forEach((region, ids) -> {
            for (int from = 0; from < ids.size(); from += MAX_TERMINATIONS_PER_CALL) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MAX_TERMINATIONS_PER_CALL));
                try {
                    call("terminate " + chunk.size() + " instances in " + region,
                            () -> client(region).terminateInstances(r -> r.instanceIds(chunk)));
                } catch (Gone oneIsGone) {
                    // EC2 refuses the whole list when one id is unknown: end the others one by one.
                    chunk.forEach(id -> terminate(region + "/" + id));
                }
            }
        });
    }

    @Override
    public List<Resource> listOwned() {
        List<Resource> owned = new ArrayList<>();
        for (String region : settings.regions()) {
            call("list instances in " + region, () -> {
                client(region).describeInstancesPaginator(r -> r.filters(
                                Filter.builder().name("tag:" + ENV_TAG).values(settings.environment()).build()))
                        .reservations().stream().flatMap(reservation -> reservation.instances().stream())
                        .filter(instance -> tag(instance, ORDER_TAG).isPresent())
                        .forEach(instance -> owned.add(toResource(region, instance)));
                return null;
            });
        }
        return owned;
    }

    private Resource toResource(String region, Instance instance) {
        String state = instance.state().nameAsString();
        String reason = instance.stateReason() == null ? null : instance.stateReason().code();
        ResourceStatus status = switch (state) {
            case "pending" -> ResourceStatus.PENDING;
            case "running" -> ResourceStatus.RUNNING;
            case "stopping", "stopped" -> ResourceStatus.STOPPED;
            // A machine EC2 took away (spot reclaim, hardware failure) failed; one we or its owner ended did not.
            default -> reason != null && reason.startsWith("Server.") ? ResourceStatus.FAILED : ResourceStatus.TERMINATED;
        };
        return new Resource(region + "/" + instance.instanceId(), tag(instance, ORDER_TAG).orElse(null), status, instance.launchTime(),
                null, 0, 0, 0, null, reason == null ? state : state + " (" + reason + ")");
    }

    private static Optional<String> tag(Instance instance, String key) {
        return instance.tags().stream().filter(t -> key.equals(t.key())).map(Tag::value).findFirst();
    }

    private record InstanceRef(String region, String instanceId) {
    }

    private static InstanceRef parse(String resourceId) {
        int slash = resourceId == null ? -1 : resourceId.indexOf('/');
        if (slash < 1 || !resourceId.startsWith("i-", slash + 1)) {
            throw new ProvisionException(Reason.INVALID, "not an EC2 resource id: " + resourceId);
        }
        return new InstanceRef(resourceId.substring(0, slash), resourceId.substring(slash + 1));
    }

    /** The instance does not exist (any more): callers decide whether that is an answer or a no-op. */
    private static final class Gone extends RuntimeException {
        Gone(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (GONE_ERRORS.contains(code)) throw new Gone(e);
            throw new ProvisionException(reasonOf(code, e.statusCode()), "EC2 could not " + what + ": " + code, e);
        } catch (SdkClientException e) {
            throw new ProvisionException(Reason.TRANSIENT, "EC2 did not answer to " + what + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new ProvisionException(Reason.TRANSIENT, "EC2 could not " + what + ": " + e.getMessage(), e);
        }
    }

    static Reason reasonOf(String code, int status) {
        if (CAPACITY_ERRORS.contains(code)) return Reason.CAPACITY;
        if (THROTTLING_ERRORS.contains(code) || status == 429) return Reason.THROTTLED;
        if (status >= 500 || code.equals("InternalError") || code.equals("Unavailable") || code.equals("ServiceUnavailable")) {
            return Reason.TRANSIENT;
        }
        return Reason.INVALID;
    }

    private Ec2Client client(String region) {
        return clients.computeIfAbsent(region, r -> {
            Ec2ClientBuilder builder = Ec2Client.builder().region(Region.of(r)).httpClient(UrlConnectionHttpClient.create())
                    .overrideConfiguration(o -> {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                        settings.interceptors().forEach(o::addExecutionInterceptor);
                    });
            if (settings.endpoint() != null) {
                builder.endpointOverride(settings.endpoint())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
            } else {
                builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
            }
            return builder.build();
        });
    }
}
