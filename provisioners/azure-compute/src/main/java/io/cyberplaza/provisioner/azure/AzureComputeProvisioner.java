package io.cyberplaza.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The platform's Azure VMs through Azure Resource Manager's REST API. A launch is a PUT of a name
 * derived from the idempotency key with {@code If-None-Match: *}: a second PUT of the same name is
 * refused (412) instead of changing the first VM, and the adapter then reads the VM it already made.
 * The create's long-running operation is followed through {@code Azure-AsyncOperation} (or
 * {@code Location}) at the pace the service asks with {@code Retry-After}. The VM's network
 * interface and OS disk go with it when it is deleted. Resource ids are the VMs' ARM ids, lower case.
 */
public final class AzureComputeProvisioner implements Provisioner {
    private static final Logger log = LoggerFactory.getLogger(AzureComputeProvisioner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String KIND = "azure-compute";
    public static final String ORDER_TAG = "cyberplaza:order";
    public static final String ENV_TAG = "cyberplaza:env";
    public static final String KEY_TAG = "cyberplaza:launch-key";

    private static final Set<String> CAPACITY_ERRORS = Set.of("SkuNotAvailable", "ZonalAllocationFailed", "AllocationFailed",
            "OverconstrainedAllocationRequest", "OverconstrainedZonalAllocationRequest");
    private static final Duration CREATE_DEADLINE = Duration.ofMinutes(10);
    private static final Duration DEFAULT_POLL = Duration.ofSeconds(5);

    private final AzureSettings settings;
    private final AccessTokens tokens;
    private final HttpClient http;

    public AzureComputeProvisioner(AzureSettings settings, AccessTokens tokens, HttpClient http) {
        this.settings = settings;
        this.tokens = tokens;
        this.http = http;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String regionOfResource(String resourceId) {
        return "subscription";
    }

    /** VM names allow 64 characters: the key's are at most 50 with the prefix. */
    static String vmName(String idempotencyKey) {
        return ("cp-" + idempotencyKey).toLowerCase().replaceAll("[^a-z0-9-]", "-");
    }

    private String idOf(String vmName) {
        return (settings.vmCollection() + "/" + vmName).toLowerCase();
    }

    @Override
    public Optional<Resource> findLaunched(LaunchRequest request, String idempotencyKey) {
        return describe(idOf(vmName(idempotencyKey)));
    }

    @Override
    public Resource launch(LaunchRequest request, String idempotencyKey) {
        MachineSpec machine = request.requireOneMachine("Azure");
        String name = vmName(idempotencyKey);
        String id = idOf(name);
        HttpResponse<String> created = send("PUT", pathOf(id), vmBody(request, machine, name, idempotencyKey), Map.of("If-None-Match", "*"));
        if (created.statusCode() == 412) {
            log.info("Azure VM {} exists already: the launch was accepted before", name);
            return describe(id).orElseThrow(() -> new ProvisionException(Reason.TRANSIENT, "VM " + name + " exists but cannot be read yet"));
        }
        requireSuccess(created, "create VM " + name + " in " + request.location());
        awaitOperation(created, "create VM " + name);
        log.info("Azure VM {} created in {} for order {}", name, request.location(), request.orderId());
        return describe(id).orElseThrow(() -> new ProvisionException(Reason.TRANSIENT, "VM " + name + " was created but cannot be read yet"));
    }

    @Override
    public Optional<Resource> describe(String resourceId) {
        HttpResponse<String> response = send("GET", pathOf(resourceId) + "?$expand=instanceView&", null, Map.of());
        if (response.statusCode() == 404) return Optional.empty();
        requireSuccess(response, "read " + resourceId);
        return Optional.of(toResource(read(response.body())));
    }

    @Override
    public void stop(String resourceId) {
        HttpResponse<String> response = send("POST", pathOf(resourceId) + "/deallocate", "", Map.of());
        if (response.statusCode() != 404) requireSuccess(response, "deallocate " + resourceId);
    }

    @Override
    public void terminate(String resourceId) {
        HttpResponse<String> response = send("DELETE", pathOf(resourceId), null, Map.of());
        if (response.statusCode() != 404) requireSuccess(response, "delete " + resourceId);
    }

    @Override
    public List<Resource> listOwned() {
        List<Resource> owned = new ArrayList<>();
        String next = settings.armEndpoint() + settings.vmCollection() + "?api-version=" + AzureSettings.API_VERSION;
        while (next != null) {
            HttpResponse<String> page = sendTo(URI.create(next), "GET", null, Map.of());
            requireSuccess(page, "list VMs");
            JsonNode body = read(page.body());
            for (JsonNode vm : body.path("value")) {
                if (settings.environment().equals(vm.path("tags").path(ENV_TAG).asText()) && vm.path("tags").has(ORDER_TAG)) {
                    owned.add(toResource(vm));
                }
            }
            next = body.hasNonNull("nextLink") ? body.get("nextLink").asText() : null;
        }
        return owned;
    }

    private String vmBody(LaunchRequest request, MachineSpec machine, String name, String idempotencyKey) {
        ObjectNode vm = JSON.createObjectNode().put("location", request.requireLocation());
        ObjectNode tags = vm.putObject("tags");
        request.tags().forEach(tags::put);
        tags.put(KEY_TAG, idempotencyKey);
        ObjectNode properties = vm.putObject("properties");
        properties.putObject("hardwareProfile").put("vmSize", machine.machineType());
        ObjectNode storage = properties.putObject("storageProfile");
        storage.set("imageReference", imageReference(request.template()));
        storage.putObject("osDisk").put("createOption", "FromImage").put("deleteOption", "Delete")
                .putObject("managedDisk").put("storageAccountType", "StandardSSD_LRS");
        ObjectNode os = properties.putObject("osProfile").put("computerName", name).put("adminUsername", settings.adminUsername());
        ObjectNode linux = os.putObject("linuxConfiguration").put("disablePasswordAuthentication", true);
        linux.putObject("ssh").putArray("publicKeys").addObject()
                .put("path", "/home/" + settings.adminUsername() + "/.ssh/authorized_keys").put("keyData", settings.sshPublicKey());
        ObjectNode network = properties.putObject("networkProfile").put("networkApiVersion", "2020-11-01");
        ArrayNode nics = network.putArray("networkInterfaceConfigurations");
        ObjectNode nic = nics.addObject().put("name", name + "-nic").putObject("properties").put("primary", true).put("deleteOption", "Delete");
        nic.putArray("ipConfigurations").addObject().put("name", "ipconfig1").putObject("properties")
                .putObject("subnet").put("id", settings.subnetId());
        if (machine.spot()) {
            properties.put("priority", "Spot").put("evictionPolicy", "Delete").putObject("billingProfile").put("maxPrice", -1);
        }
        return vm.toString();
    }

    /** {@code publisher:offer:sku:version} of a marketplace image, or the ARM id of a gallery image. */
    private static ObjectNode imageReference(String template) {
        ObjectNode image = JSON.createObjectNode();
        if (template != null && template.startsWith("/subscriptions/")) return image.put("id", template);
        String[] parts = template == null ? new String[0] : template.split(":");
        if (parts.length != 4) throw new ProvisionException(Reason.INVALID, "an Azure image is publisher:offer:sku:version or an image id");
        return image.put("publisher", parts[0]).put("offer", parts[1]).put("sku", parts[2]).put("version", parts[3]);
    }

    private Resource toResource(JsonNode vm) {
        JsonNode properties = vm.path("properties");
        String provisioning = properties.path("provisioningState").asText("");
        String power = "";
        for (JsonNode status : properties.path("instanceView").path("statuses")) {
            String code = status.path("code").asText();
            if (code.startsWith("PowerState/")) power = code.substring("PowerState/".length());
        }
        ResourceStatus status = switch (provisioning) {
            case "Failed" -> ResourceStatus.FAILED;
            case "Deleting" -> ResourceStatus.TERMINATED;
            case "Creating", "Updating" -> ResourceStatus.PENDING;
            default -> switch (power) {
                case "running" -> ResourceStatus.RUNNING;
                case "stopping", "stopped", "deallocating", "deallocated" -> ResourceStatus.STOPPED;
                default -> ResourceStatus.PENDING;
            };
        };
        Instant created = properties.hasNonNull("timeCreated") ? Instant.parse(properties.get("timeCreated").asText()) : null;
        String orderId = vm.path("tags").hasNonNull(ORDER_TAG) ? vm.path("tags").get(ORDER_TAG).asText() : null;
        return new Resource(vm.path("id").asText().toLowerCase(), orderId, status, created, null, 0, 0, 0, null,
                power.isEmpty() ? provisioning : provisioning + ", " + power);
    }

    /** Follows a create to its end; a create that ended in a capacity error is reported as one. */
    private void awaitOperation(HttpResponse<String> accepted, String what) {
        Optional<String> asyncOperation = accepted.headers().firstValue("Azure-AsyncOperation");
        Optional<String> location = accepted.headers().firstValue("Location");
        if (asyncOperation.isEmpty() && location.isEmpty()) return;
        Instant deadline = Instant.now().plus(CREATE_DEADLINE);
        HttpResponse<String> last = accepted;
        while (Instant.now().isBefore(deadline)) {
            pause(retryAfter(last).orElse(DEFAULT_POLL));
            if (asyncOperation.isPresent()) {
                last = sendTo(URI.create(asyncOperation.get()), "GET", null, Map.of());
                requireSuccess(last, what + " (operation status)");
                JsonNode operation = read(last.body());
                switch (operation.path("status").asText()) {
                    case "Succeeded" -> { return; }
                    case "Failed", "Canceled" -> {
                        String code = operation.path("error").path("code").asText("");
                        throw new ProvisionException(CAPACITY_ERRORS.contains(code) ? Reason.CAPACITY : Reason.INVALID,
                                "Azure could not " + what + ": " + code + " " + operation.path("error").path("message").asText(""));
                    }
                    default -> { }
                }
            } else {
                last = sendTo(URI.create(location.get()), "GET", null, Map.of());
                if (last.statusCode() != 202) {
                    requireSuccess(last, what);
                    return;
                }
            }
        }
        throw new ProvisionException(Reason.TRANSIENT, "Azure did not finish to " + what + " within " + CREATE_DEADLINE);
    }

    private void requireSuccess(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) return;
        JsonNode error = readQuietly(response.body()).path("error");
        String code = error.path("code").asText("");
        String message = "Azure could not " + what + ": HTTP " + status + (code.isEmpty() ? "" : " " + code);
        if (status == 429) throw new ProvisionException(Reason.THROTTLED, message, retryAfter(response).orElse(null), null);
        if (CAPACITY_ERRORS.contains(code)) throw new ProvisionException(Reason.CAPACITY, message);
        if (status >= 500 || status == 408) throw new ProvisionException(Reason.TRANSIENT, message, retryAfter(response).orElse(null), null);
        throw new ProvisionException(Reason.INVALID, message);
    }

    private static Optional<Duration> retryAfter(HttpResponse<String> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }

    /** The request path of one of the platform's VMs, in ARM's own casing (ids are kept in lower case). */
    private String pathOf(String resourceId) {
        String collection = settings.vmCollection().toLowerCase() + "/";
        if (resourceId == null || !resourceId.toLowerCase().startsWith(collection) || resourceId.length() <= collection.length()
                || resourceId.indexOf('/', collection.length()) >= 0) {
            throw new ProvisionException(Reason.INVALID, "not a VM of the platform's resource group: " + resourceId);
        }
        return settings.vmCollection() + "/" + resourceId.substring(collection.length());
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body, Map<String, String> headers) {
        String separator = pathAndQuery.contains("?") ? (pathAndQuery.endsWith("&") ? "" : "&") : "?";
        return sendTo(URI.create(settings.armEndpoint() + pathAndQuery + separator + "api-version=" + AzureSettings.API_VERSION),
                method, body, headers);
    }

    private HttpResponse<String> sendTo(URI uri, String method, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.current())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) request.header("Content-Type", "application/json");
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ProvisionException(Reason.TRANSIENT, "Azure did not answer " + method + " " + uri.getPath() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(Reason.TRANSIENT, "interrupted while waiting for Azure", e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisionException(Reason.TRANSIENT, "interrupted while waiting for Azure", e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ProvisionException(Reason.TRANSIENT, "Azure answered with something that is not JSON", e);
        }
    }

    private static JsonNode readQuietly(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
