package io.cyberplaza.provisioner.gcp;

import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.Credentials;
import com.google.api.gax.longrunning.OperationFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.compute.v1.AggregatedListInstancesRequest;
import com.google.cloud.compute.v1.AttachedDisk;
import com.google.cloud.compute.v1.AttachedDiskInitializeParams;
import com.google.cloud.compute.v1.DeleteInstanceRequest;
import com.google.cloud.compute.v1.InsertInstanceRequest;
import com.google.cloud.compute.v1.Instance;
import com.google.cloud.compute.v1.InstancesClient;
import com.google.cloud.compute.v1.InstancesScopedList;
import com.google.cloud.compute.v1.InstancesSettings;
import com.google.cloud.compute.v1.Items;
import com.google.cloud.compute.v1.Metadata;
import com.google.cloud.compute.v1.NetworkInterface;
import com.google.cloud.compute.v1.Operation;
import com.google.cloud.compute.v1.Scheduling;
import com.google.cloud.compute.v1.StopInstanceRequest;
import io.cyberplaza.provisioner.LaunchRequest;
import io.cyberplaza.provisioner.MachineSpec;
import io.cyberplaza.provisioner.ProvisionException;
import io.cyberplaza.provisioner.ProvisionException.Reason;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.ResourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The platform's Compute Engine instances (google-cloud-compute). An insert carries a
 * {@code requestId} derived from the idempotency key (a name-based UUID): Compute Engine answers a
 * repeated insert with the first operation. The instance's name comes from the key too, so a
 * retry that finds the name taken reads the instance it made. The zone operation is waited on, and
 * a capacity error inside it is reported as one. Labels cannot hold an order id (63 characters at
 * most), so the order id travels in the instance's metadata. Resource ids are
 * {@code projects/P/zones/Z/instances/N}.
 */
public final class GcpComputeProvisioner implements Provisioner, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GcpComputeProvisioner.class);
    public static final String KIND = "gcp-compute";
    public static final String ENV_LABEL = "cyberplaza-env";
    public static final String KEY_LABEL = "cyberplaza-key";
    public static final String ORDER_METADATA = "cyberplaza-order";

    private static final Pattern ZONE = Pattern.compile("^([a-z]+-[a-z]+\\d+)-[a-z]$");
    private static final Pattern RESOURCE = Pattern.compile("^projects/([^/]+)/zones/([^/]+)/instances/([^/]+)$");
    private static final Set<String> CAPACITY_ERRORS = Set.of("ZONE_RESOURCE_POOL_EXHAUSTED", "ZONE_RESOURCE_POOL_EXHAUSTED_WITH_DETAILS",
            "RESOURCE_POOL_EXHAUSTED", "UNSUPPORTED_OPERATION_MACHINE_TYPE_NOT_AVAILABLE");
    private static final long OPERATION_WAIT_MINUTES = 10;

    private final GcpSettings settings;
    private final InstancesClient client;

    /** With the runtime's own credentials (Application Default Credentials), or none against a test endpoint. */
    public GcpComputeProvisioner(GcpSettings settings) {
        this(settings, null);
    }

    /** @param credentials a service account's credentials, or null for Application Default Credentials */
    public GcpComputeProvisioner(GcpSettings settings, Credentials credentials) {
        this.settings = settings;
        try {
            InstancesSettings.Builder builder = InstancesSettings.newBuilder();
            if (credentials != null) builder.setCredentialsProvider(FixedCredentialsProvider.create(credentials));
            if (settings.endpoint() != null) {
                builder.setEndpoint(settings.endpoint());
                if (credentials == null) builder.setCredentialsProvider(NoCredentialsProvider.create());
            }
            this.client = InstancesClient.create(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException("the Compute Engine client could not be created", e);
        }
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
        return regionOf(parse(resourceId).group(2));
    }

    /** Instance names: lower case, at most 63 characters, starting with a letter. */
    static String instanceName(String idempotencyKey) {
        return ("cp-" + idempotencyKey).toLowerCase().replaceAll("[^a-z0-9-]", "-");
    }

    /** The same key gives the same request id: Compute Engine's own de-duplication of the insert. */
    static String requestId(String operation, String idempotencyKey) {
        return UUID.nameUUIDFromBytes((operation + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private String idOf(String zone, String name) {
        return "projects/" + settings.project() + "/zones/" + zone + "/instances/" + name;
    }

    @Override
    public Optional<Resource> findLaunched(LaunchRequest request, String idempotencyKey) {
        return describe(idOf(request.requireLocation(), instanceName(idempotencyKey)));
    }

    @Override
    public Resource launch(LaunchRequest request, String idempotencyKey) {
        MachineSpec machine = request.requireOneMachine("Compute Engine");
        String zone = request.requireLocation();
        String name = instanceName(idempotencyKey);
        Instance.Builder instance = Instance.newBuilder()
                .setName(name)
                .setMachineType("zones/" + zone + "/machineTypes/" + machine.machineType())
                .addDisks(AttachedDisk.newBuilder().setBoot(true).setAutoDelete(true)
                        .setInitializeParams(AttachedDiskInitializeParams.newBuilder().setSourceImage(request.template())))
                .putLabels(ENV_LABEL, settings.environment())
                .putLabels(KEY_LABEL, idempotencyKey.toLowerCase())
                .setMetadata(Metadata.newBuilder().addItems(Items.newBuilder().setKey(ORDER_METADATA).setValue(request.orderId())));
        String subnetwork = settings.subnetworksByRegion().get(regionOf(zone));
        instance.addNetworkInterfaces(subnetwork == null ? NetworkInterface.newBuilder().setNetwork("global/networks/default")
                : NetworkInterface.newBuilder().setSubnetwork(subnetwork));
        if (machine.spot()) {
            instance.setScheduling(Scheduling.newBuilder().setProvisioningModel("SPOT").setInstanceTerminationAction("DELETE"));
        }
        InsertInstanceRequest insert = InsertInstanceRequest.newBuilder().setProject(settings.project()).setZone(zone)
                .setRequestId(requestId("insert", idempotencyKey)).setInstanceResource(instance).build();
        try {
            Operation done = await(client.insertAsync(insert), "create " + name + " in " + zone);
            failIfErrored(done, "create " + name + " in " + zone);
        } catch (ProvisionException e) {
            if (!(e.getCause() instanceof ApiException api) || !isConflict(api)) throw e;
            log.info("Compute Engine instance {} exists already: the launch was accepted before", name);
        }
        log.info("Compute Engine instance {} created in {} for order {}", name, zone, request.orderId());
        return describe(idOf(zone, name)).orElseThrow(() -> new ProvisionException(Reason.TRANSIENT, name + " was created but cannot be read yet"));
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        Matcher ref = parse(resourceId);
        try {
            return Optional.of(toResource(call("read " + resourceId, () -> client.get(ref.group(1), ref.group(2), ref.group(3)))));
        } catch (ProvisionException e) {
            if (e.getCause() instanceof NotFoundException) return Optional.empty();
            throw e;
        }
    }

    @Override
    public void stop(String resourceId) {
        Matcher ref = parse(resourceId);
        ignoringGone(() -> client.stopAsync(StopInstanceRequest.newBuilder().setProject(ref.group(1)).setZone(ref.group(2))
                .setInstance(ref.group(3)).setRequestId(requestId("stop", resourceId)).build()), "stop " + resourceId);
    }

    @Override
    public void terminate(String resourceId) {
        Matcher ref = parse(resourceId);
        ignoringGone(() -> client.deleteAsync(DeleteInstanceRequest.newBuilder().setProject(ref.group(1)).setZone(ref.group(2))
                .setInstance(ref.group(3)).setRequestId(requestId("delete", resourceId)).build()), "delete " + resourceId);
    }

    @Override
    public List<Resource> listOwned() {
        AggregatedListInstancesRequest list = AggregatedListInstancesRequest.newBuilder().setProject(settings.project())
                .setFilter("labels." + ENV_LABEL + " = \"" + settings.environment() + "\"").build();
        return call("list instances", () -> {
            List<Resource> owned = new ArrayList<>();
            for (Map.Entry<String, InstancesScopedList> zone : client.aggregatedList(list).iterateAll()) {
                for (Instance instance : zone.getValue().getInstancesList()) {
                    if (settings.environment().equals(instance.getLabelsMap().get(ENV_LABEL)) && orderOf(instance) != null) {
                        owned.add(toResource(instance));
                    }
                }
            }
            return owned;
        });
    }

    private Resource toResource(Instance instance) {
        String zone = instance.getZone().substring(instance.getZone().lastIndexOf('/') + 1);
        ResourceStatus status = switch (instance.getStatus()) {
            case "RUNNING" -> ResourceStatus.RUNNING;
            // Compute Engine calls a stopped instance TERMINATED; it still exists (and keeps its disks).
            case "STOPPING", "STOPPED", "SUSPENDING", "SUSPENDED", "TERMINATED" -> ResourceStatus.STOPPED;
            default -> ResourceStatus.PENDING;
        };
        return new Resource(idOf(zone, instance.getName()), orderOf(instance), status, time(instance.getCreationTimestamp()), null,
                0, 0, 0, null, instance.getStatus());
    }

    private static String orderOf(Instance instance) {
        return instance.getMetadata().getItemsList().stream().filter(item -> ORDER_METADATA.equals(item.getKey()))
                .map(Items::getValue).findFirst().orElse(null);
    }

    private static Instant time(String timestamp) {
        try {
            return timestamp == null || timestamp.isBlank() ? null : OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Matcher parse(String resourceId) {
        Matcher ref = RESOURCE.matcher(resourceId == null ? "" : resourceId);
        if (!ref.matches()) throw new ProvisionException(Reason.INVALID, "not a Compute Engine resource id: " + resourceId);
        return ref;
    }

    private static void failIfErrored(Operation operation, String what) {
        if (!operation.hasError() || operation.getError().getErrorsCount() == 0) return;
        String code = operation.getError().getErrors(0).getCode();
        throw new ProvisionException(CAPACITY_ERRORS.contains(code) ? Reason.CAPACITY : Reason.INVALID,
                "Compute Engine could not " + what + ": " + code + " " + operation.getError().getErrors(0).getMessage());
    }

    private Operation await(OperationFuture<Operation, Operation> operation, String what) {
        try {
            return operation.get(OPERATION_WAIT_MINUTES, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw translate(e.getCause(), what);
        } catch (TimeoutException e) {
            throw new ProvisionException(Reason.TRANSIENT, "Compute Engine did not finish to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(Reason.TRANSIENT, "interrupted while waiting for Compute Engine", e);
        } catch (ApiException e) {
            throw translate(e, what);
        }
    }

    private void ignoringGone(Supplier<OperationFuture<Operation, Operation>> start, String what) {
        try {
            // The operation is started, not waited for: the instance's end is confirmed by describe or the vendor's callback.
            start.get().getInitialFuture().get(1, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotFoundException) return;
            throw translate(e.getCause(), what);
        } catch (NotFoundException gone) {
            // Already gone.
        } catch (ApiException e) {
            throw translate(e, what);
        } catch (TimeoutException e) {
            throw new ProvisionException(Reason.TRANSIENT, "Compute Engine did not answer to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(Reason.TRANSIENT, "interrupted while waiting for Compute Engine", e);
        }
    }

    private static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw translate(e, what);
        }
    }

    /** 409: the name is taken. The REST transport reports it as ABORTED, gRPC as ALREADY_EXISTS. */
    private static boolean isConflict(ApiException api) {
        return api.getStatusCode().getCode() == StatusCode.Code.ALREADY_EXISTS
                || Integer.valueOf(409).equals(api.getStatusCode().getTransportCode());
    }

    /** The error as the API wrote it: the REST transport keeps the body in the cause's message. */
    private static String detail(ApiException api) {
        return api.getMessage() + (api.getCause() == null ? "" : " " + api.getCause().getMessage());
    }

    private static ProvisionException translate(Throwable failure, String what) {
        if (!(failure instanceof ApiException api)) {
            return new ProvisionException(Reason.TRANSIENT, "Compute Engine could not " + what + ": " + failure, failure);
        }
        String message = "Compute Engine could not " + what + ": " + api.getStatusCode().getCode() + " " + api.getMessage();
        // Compute Engine answers a spent rate quota with 403 and the reason rateLimitExceeded.
        boolean rateLimited = api.getStatusCode().getCode() == StatusCode.Code.RESOURCE_EXHAUSTED
                || detail(api).contains("rateLimitExceeded") || "rateLimitExceeded".equals(api.getReason());
        Reason reason = rateLimited ? Reason.THROTTLED
                : switch (api.getStatusCode().getCode()) {
                    case UNAVAILABLE, INTERNAL, DEADLINE_EXCEEDED, ABORTED, UNKNOWN -> Reason.TRANSIENT;
                    default -> CAPACITY_ERRORS.stream().anyMatch(code -> detail(api).contains(code))
                            ? Reason.CAPACITY : Reason.INVALID;
                };
        return new ProvisionException(reason, message, api);
    }

    @Override
    public void close() {
        client.close();
    }
}
