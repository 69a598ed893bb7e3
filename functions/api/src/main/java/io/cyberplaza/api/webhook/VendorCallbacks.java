package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.provisioner.ResourceStatus;
import io.micronaut.json.tree.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each vendor's callback format read into the platform's {@link VendorEvent}s. Anything that is
 * not the vendor's documented shape is refused as malformed; shapes that are well formed but
 * carry no state change of a machine are skipped (an empty result).
 */
final class VendorCallbacks {
    static final String AWS = "aws-ec2";
    static final String AZURE = "azure-compute";
    static final String GCP = "gcp-compute";

    private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern AZURE_VM = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Compute/virtualMachines/[^/]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern GCP_INSTANCE = Pattern.compile("projects/[^/]+/zones/[^/]+/instances/[^/]+");

    private VendorCallbacks() {
    }

    /** An EventBridge "EC2 Instance State-change Notification". */
    static Optional<VendorEvent> awsStateChange(JsonNode event) {
        String source = text(event, "source");
        String detailType = text(event, "detail-type");
        if (!"aws.ec2".equals(source) || !"EC2 Instance State-change Notification".equals(detailType)) {
            throw malformed("not an EC2 Instance State-change Notification");
        }
        JsonNode detail = object(event, "detail");
        String instanceId = text(detail, "instance-id");
        String region = text(event, "region");
        if (!INSTANCE_ID.matcher(instanceId).matches() || !REGION.matcher(region).matches()) throw malformed("bad instance or region");
        ResourceStatus status = switch (text(detail, "state")) {
            case "pending" -> ResourceStatus.PENDING;
            case "running" -> ResourceStatus.RUNNING;
            case "stopping", "stopped" -> ResourceStatus.STOPPED;
            case "shutting-down", "terminated" -> ResourceStatus.TERMINATED;
            default -> throw malformed("unknown EC2 state");
        };
        return Optional.of(new VendorEvent(AWS, text(event, "id"), region + "/" + instanceId, status, time(event, "time")));
    }

    /**
     * Azure Resource Manager events of the platform's subscription, as Event Grid delivers them
     * (Event Grid schema). Writes of a VM mean it exists and runs, deletes that it is gone, and the
     * deallocate and power-off actions that it stopped; events about other resources are skipped.
     */
    static List<VendorEvent> azureResourceEvents(JsonNode events) {
        List<VendorEvent> changes = new ArrayList<>();
        for (JsonNode event : events.values()) {
            String type = text(event, "eventType");
            String subject = text(event, "subject");
            if (!AZURE_VM.matcher(subject).matches()) continue;
            JsonNode data = object(event, "data");
            String operation = Optional.ofNullable(data.get("operationName")).filter(JsonNode::isString)
                    .map(JsonNode::getStringValue).orElse("").toLowerCase();
            ResourceStatus status = switch (type) {
                case "Microsoft.Resources.ResourceWriteSuccess" -> ResourceStatus.RUNNING;
                case "Microsoft.Resources.ResourceDeleteSuccess" -> ResourceStatus.TERMINATED;
                case "Microsoft.Resources.ResourceActionSuccess" -> operation.endsWith("/deallocate/action")
                        || operation.endsWith("/poweroff/action") ? ResourceStatus.STOPPED
                        : operation.endsWith("/start/action") ? ResourceStatus.RUNNING : null;
                default -> null;
            };
            if (status != null) changes.add(new VendorEvent(AZURE, text(event, "id"), subject.toLowerCase(), status, time(event, "eventTime")));
        }
        return changes;
    }

    static boolean isAzureValidation(JsonNode events) {
        return events.isArray() && events.size() == 1
                && "Microsoft.EventGrid.SubscriptionValidationEvent".equals(textOrNull(events.get(0), "eventType"));
    }

    static String azureValidationCode(JsonNode events) {
        return text(object(events.get(0), "data"), "validationCode");
    }

    /**
     * A Pub/Sub push of a Cloud Audit Logs entry for Compute Engine instances (a log sink to the
     * topic). Only the last entry of an operation counts: the change has happened then.
     */
    static Optional<VendorEvent> gcpAuditLogPush(JsonNode push, java.util.function.Function<byte[], JsonNode> json) {
        JsonNode message = object(push, "message");
        String messageId = text(message, "messageId");
        Instant published = time(message, "publishTime");
        JsonNode entry;
        try {
            entry = json.apply(Base64.getDecoder().decode(text(message, "data")));
        } catch (IllegalArgumentException e) {
            throw malformed("the message data is not base64 JSON");
        }
        JsonNode payload = object(entry, "protoPayload");
        String resource = text(payload, "resourceName");
        String method = text(payload, "methodName");
        if (!GCP_INSTANCE.matcher(resource).matches()) return Optional.empty();
        JsonNode operation = entry.get("operation");
        if (operation != null && operation.isObject() && !Boolean.TRUE.equals(booleanOrNull(operation, "last"))) return Optional.empty();
        String verb = method.substring(method.lastIndexOf('.') + 1);
        ResourceStatus status = switch (verb) {
            case "insert", "start", "resume" -> ResourceStatus.RUNNING;
            case "stop", "suspend" -> ResourceStatus.STOPPED;
            case "delete" -> ResourceStatus.TERMINATED;
            default -> null;
        };
        if (status == null) return Optional.empty();
        Instant at = entry.get("timestamp") != null ? time(entry, "timestamp") : published;
        return Optional.of(new VendorEvent(GCP, messageId, resource, status, at));
    }

    static Instant publishTime(JsonNode push) {
        return time(object(push, "message"), "publishTime");
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isObject()) throw malformed("'" + field + "' must be an object");
        return value;
    }

    static String text(JsonNode node, String field) {
        String value = textOrNull(node, field);
        if (value == null || value.isBlank() || value.length() > 1_024) throw malformed("'" + field + "' must be a string");
        return value;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    private static Boolean booleanOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() ? value.getBooleanValue() : null;
    }

    private static Instant time(JsonNode node, String field) {
        try {
            return Instant.parse(text(node, field));
        } catch (DateTimeParseException e) {
            throw malformed("'" + field + "' must be an RFC 3339 time");
        }
    }

    static DomainException malformed(String why) {
        return new DomainException(ErrorType.INVALID_REQUEST, "malformed callback: " + why);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
