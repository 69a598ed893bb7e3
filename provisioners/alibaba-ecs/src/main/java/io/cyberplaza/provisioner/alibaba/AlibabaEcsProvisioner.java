package io.cyberplaza.provisioner.alibaba;

import com.aliyuncs.AcsRequest;
import com.aliyuncs.AcsResponse;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.ecs.model.v20140526.DeleteInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.DescribeInstancesResponse;
import com.aliyuncs.ecs.model.v20140526.RunInstancesRequest;
import com.aliyuncs.ecs.model.v20140526.StopInstancesRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.exceptions.ServerException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.MachineSpec;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.ProvisionException.Reason;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's ECS instances through Alibaba Cloud's Java SDK. A launch carries its key as the
 * {@code ClientToken} (ECS answers a repeated RunInstances with the first instance) and as the
 * {@code cyberplaza:launch-key} tag, looked up first. The SDK's own retries are off: the resilience
 * layer decides. Resource ids are {@code region/instance-id}.
 */
public final class AlibabaEcsProvisioner implements Provisioner {
    private static final Logger log = LoggerFactory.getLogger(AlibabaEcsProvisioner.class);
    public static final String KIND = "alibaba-ecs";
    public static final String ORDER_TAG = "cyberplaza:order";
    public static final String ENV_TAG = "cyberplaza:env";
    public static final String KEY_TAG = "cyberplaza:launch-key";

    private static final Pattern ZONE = Pattern.compile("^([a-z]{2}-[a-z0-9-]+?)-([a-z])$");
    private static final Set<String> CAPACITY_ERRORS = Set.of("OperationDenied.NoStock", "Zone.NotOnSale", "InvalidResourceType.NotSupported",
            "OperationDenied.ZoneNotAllowed", "InvalidInstanceType.ZoneNotSupported");
    private static final Set<String> GONE_ERRORS = Set.of("InvalidInstanceId.NotFound", "InvalidInstanceId.MalFormed");
    private static final DateTimeFormatter ECS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]X");
    private static final int PAGE = 100;

    private final EcsSettings settings;
    private final Map<String, IAcsClient> clients = new ConcurrentHashMap<>();

    public AlibabaEcsProvisioner(EcsSettings settings) {
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
        return parse(resourceId)[0];
    }

    @Override
    public Optional<Resource> findLaunched(LaunchRequest request, String idempotencyKey) {
        String region = regionOf(request.requireLocation());
        DescribeInstancesRequest describe = new DescribeInstancesRequest();
        describe.setSysRegionId(region);
        describe.setTags(List.of(describeTag(KEY_TAG, idempotencyKey)));
        return call(region, describe, "find the launch " + idempotencyKey).getInstances().stream().findFirst()
                .map(instance -> toResource(region, instance));
    }

    @Override
    public Resource launch(LaunchRequest request, String idempotencyKey) {
        MachineSpec machine = request.requireOneMachine("ECS");
        Optional<Resource> earlier = findLaunched(request, idempotencyKey);
        if (earlier.isPresent()) return earlier.get();

        String zone = request.requireLocation();
        String region = regionOf(zone);
        RunInstancesRequest run = new RunInstancesRequest();
        run.setSysRegionId(region);
        run.setClientToken(idempotencyKey);
        run.setZoneId(zone);
        run.setInstanceType(machine.machineType());
        run.setImageId(request.template());
        run.setAmount(1);
        run.setInstanceChargeType("PostPaid");
        run.setInstanceName("cp-" + idempotencyKey);
        String vSwitch = settings.vSwitchesByZone().get(zone);
        if (vSwitch != null) run.setVSwitchId(vSwitch);
        String securityGroup = settings.securityGroups().get(region);
        if (securityGroup != null) run.setSecurityGroupId(securityGroup);
        if (machine.spot()) run.setSpotStrategy("SpotAsPriceGo");
        List<RunInstancesRequest.Tag> tags = new ArrayList<>();
        request.tags().forEach((key, value) -> tags.add(runTag(key, value)));
        tags.add(runTag(KEY_TAG, idempotencyKey));
        run.setTags(tags);
        List<String> ids = call(region, run, "launch " + machine.machineType() + " in " + zone).getInstanceIdSets();
        if (ids == null || ids.isEmpty()) throw new ProvisionException(Reason.TRANSIENT, "ECS accepted the launch but named no instance");
        log.info("ECS instance {} launched in {} for order {}", ids.getFirst(), zone, request.orderId());
        return describe(region + "/" + ids.getFirst()).orElseGet(() -> new Resource(region + "/" + ids.getFirst(), request.orderId(),
                ResourceStatus.PENDING, null, null, 0, 0, 0, null, "Pending"));
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        String[] ref = parse(resourceId);
        DescribeInstancesRequest describe = new DescribeInstancesRequest();
        describe.setSysRegionId(ref[0]);
        describe.setInstanceIds("[\"" + ref[1] + "\"]");
        return call(ref[0], describe, "describe " + resourceId).getInstances().stream().findFirst().map(i -> toResource(ref[0], i));
    }

    @Override
    public void stop(String resourceId) {
        String[] ref = parse(resourceId);
        StopInstancesRequest stop = new StopInstancesRequest();
        stop.setSysRegionId(ref[0]);
        stop.setInstanceIds(List.of(ref[1]));
        try {
            call(ref[0], stop, "stop " + resourceId);
        } catch (Gone e) {
            // Nothing left to stop.
        }
    }

    @Override
    public void terminate(String resourceId) {
        terminateAll(List.of(resourceId));
    }

    /** DeleteInstances takes up to 100 ids per call; running ones are forced down. */
    @Override
    public void terminateAll(List<String> resourceIds) {
        Map<String, List<String>> byRegion = new java.util.HashMap<>();
        for (String id : resourceIds) {
            String[] ref = parse(id);
            byRegion.computeIfAbsent(ref[0], r -> new ArrayList<>()).add(ref[1]);
        }
        byRegion.forEach((region, ids) -> {
            for (int from = 0; from < ids.size(); from += PAGE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PAGE));
                DeleteInstancesRequest delete = new DeleteInstancesRequest();
                delete.setSysRegionId(region);
                delete.setInstanceIds(chunk);
                delete.setForce(true);
                try {
                    call(region, delete, "delete " + chunk.size() + " instances in " + region);
                } catch (Gone oneIsGone) {
                    if (chunk.size() > 1) chunk.forEach(id -> terminate(region + "/" + id));
                }
            }
        });
    }

    @Override
    public List<Resource> listOwned() {
        List<Resource> owned = new ArrayList<>();
        for (String region : settings.regions()) {
            String nextToken = null;
            do {
                DescribeInstancesRequest page = new DescribeInstancesRequest();
                page.setSysRegionId(region);
                page.setTags(List.of(describeTag(ENV_TAG, settings.environment())));
                page.setMaxResults(PAGE);
                if (nextToken != null) page.setNextToken(nextToken);
                DescribeInstancesResponse response = call(region, page, "list instances in " + region);
                response.getInstances().stream().filter(i -> tag(i, ORDER_TAG).isPresent()).forEach(i -> owned.add(toResource(region, i)));
                nextToken = response.getNextToken() == null || response.getNextToken().isBlank() ? null : response.getNextToken();
            } while (nextToken != null);
        }
        return owned;
    }

    private static Resource toResource(String region, DescribeInstancesResponse.Instance instance) {
        ResourceStatus status = switch (instance.getStatus() == null ? "" : instance.getStatus()) {
            case "Running" -> ResourceStatus.RUNNING;
            case "Stopping", "Stopped" -> ResourceStatus.STOPPED;
            default -> ResourceStatus.PENDING;
        };
        return new Resource(region + "/" + instance.getInstanceId(), tag(instance, ORDER_TAG).orElse(null), status,
                time(instance.getCreationTime()), null, 0, 0, 0, null, instance.getStatus());
    }

    private static Instant time(String ecsTime) {
        if (ecsTime == null || ecsTime.isBlank()) return null;
        try {
            return OffsetDateTime.parse(ecsTime, ECS_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Optional<String> tag(DescribeInstancesResponse.Instance instance, String key) {
        return instance.getTags() == null ? Optional.empty() : instance.getTags().stream().filter(t -> key.equals(t.getTagKey()))
                .map(DescribeInstancesResponse.Instance.Tag::getTagValue).findFirst();
    }

    private static RunInstancesRequest.Tag runTag(String key, String value) {
        RunInstancesRequest.Tag tag = new RunInstancesRequest.Tag();
        tag.setKey(key);
        tag.setValue(value);
        return tag;
    }

    private static DescribeInstancesRequest.Tag describeTag(String key, String value) {
        DescribeInstancesRequest.Tag tag = new DescribeInstancesRequest.Tag();
        tag.setKey(key);
        tag.setValue(value);
        return tag;
    }

    private static String[] parse(String resourceId) {
        int slash = resourceId == null ? -1 : resourceId.indexOf('/');
        if (slash < 1 || !resourceId.startsWith("i-", slash + 1)) {
            throw new ProvisionException(Reason.INVALID, "not an ECS resource id: " + resourceId);
        }
        return new String[]{resourceId.substring(0, slash), resourceId.substring(slash + 1)};
    }

    /** The instance does not exist (any more). */
    private static final class Gone extends RuntimeException {
        Gone(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private <T extends AcsResponse> T call(String region, AcsRequest<T> request, String what) {
        if (settings.endpoint() != null) {
            request.setSysEndpoint(settings.endpoint());
            request.setSysProtocol(ProtocolType.HTTP);
        }
        request.setSysAcceptFormat(FormatType.JSON);
        try {
            return client(region).getAcsResponse(request);
        } catch (ServerException e) {
            throw new ProvisionException(isThrottling(e.getErrCode()) ? Reason.THROTTLED : Reason.TRANSIENT,
                    "ECS could not " + what + ": " + e.getErrCode(), e);
        } catch (ClientException e) {
            String code = e.getErrCode() == null ? "" : e.getErrCode();
            if (GONE_ERRORS.contains(code)) throw new Gone(e);
            Reason reason = isThrottling(code) ? Reason.THROTTLED
                    : CAPACITY_ERRORS.contains(code) ? Reason.CAPACITY
                    : code.startsWith("SDK.") || code.equals("ServiceUnavailable") || code.equals("InternalError") ? Reason.TRANSIENT
                    : Reason.INVALID;
            throw new ProvisionException(reason, "ECS could not " + what + ": " + code, e);
        }
    }

    private static boolean isThrottling(String code) {
        return code != null && code.startsWith("Throttling");
    }

    private IAcsClient client(String region) {
        return clients.computeIfAbsent(region, r -> {
            DefaultAcsClient client = new DefaultAcsClient(DefaultProfile.getProfile(r, settings.accessKeyId(), settings.accessKeySecret()));
            client.setAutoRetry(false);
            return client;
        });
    }
}
