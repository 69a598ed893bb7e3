package io.cyberplaza.provisioner.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.vendor.CallbackReader;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import static io.cyberplaza.vendor.CallbackJson.booleanOrNull;
import static io.cyberplaza.vendor.CallbackJson.malformed;
import static io.cyberplaza.vendor.CallbackJson.object;
import static io.cyberplaza.vendor.CallbackJson.parse;
import static io.cyberplaza.vendor.CallbackJson.text;
import static io.cyberplaza.vendor.CallbackJson.time;

/**
 * A Pub/Sub push of a Cloud Audit Logs entry about Compute Engine instances (a log sink to the
 * topic), authenticated by the push subscription's OIDC token. Only the last entry of an operation
 * counts: the change has happened then. The push's publish time is what the replay window checks.
 */
final class ComputeAuditLogs implements CallbackReader {
    /** Audit log entries run to a few kilobytes and Cloud Logging caps one at 256 KB: base64 of that, with room. */
    private static final int LONGEST_ENTRY = 512 * 1024;
    private static final Pattern INSTANCE = Pattern.compile("projects/[^/]+/zones/[^/]+/instances/[^/]+");

    @Override
    public String route() {
        return "gcp";
    }

    @Override
    public Authentication authentication() {
        return new Authentication.PushToken();
    }

    @Override
    public Delivery read(byte[] body) {
        JsonNode message = object(parse(body), "message");
        String messageId = text(message, "messageId");
        Instant published = time(message, "publishTime");
        JsonNode entry;
        try {
            entry = parse(Base64.getDecoder().decode(text(message, "data", LONGEST_ENTRY)));
        } catch (IllegalArgumentException e) {
            throw malformed("the message data is not base64 JSON");
        }
        JsonNode payload = object(entry, "protoPayload");
        String resource = text(payload, "resourceName");
        String method = text(payload, "methodName");
        if (!INSTANCE.matcher(resource).matches()) return Delivery.sent(published, List.of());
        JsonNode operation = entry.get("operation");
        if (operation != null && operation.isObject() && !Boolean.TRUE.equals(booleanOrNull(operation, "last"))) {
            return Delivery.sent(published, List.of());
        }
        ResourceStatus status = switch (method.substring(method.lastIndexOf('.') + 1)) {
            case "insert", "start", "resume" -> ResourceStatus.RUNNING;
            case "stop", "suspend" -> ResourceStatus.STOPPED;
            case "delete" -> ResourceStatus.TERMINATED;
            default -> null;
        };
        if (status == null) return Delivery.sent(published, List.of());
        Instant at = entry.get("timestamp") != null ? time(entry, "timestamp") : published;
        return Delivery.sent(published, List.of(new VendorEvent(GcpComputeProvisioner.KIND, messageId, resource, status, at)));
    }
}
