package io.cyberplaza.provisioner.azure;

import com.fasterxml.jackson.databind.JsonNode;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.vendor.CallbackReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.cyberplaza.vendor.CallbackJson.malformed;
import static io.cyberplaza.vendor.CallbackJson.object;
import static io.cyberplaza.vendor.CallbackJson.parse;
import static io.cyberplaza.vendor.CallbackJson.text;
import static io.cyberplaza.vendor.CallbackJson.textOrNull;
import static io.cyberplaza.vendor.CallbackJson.time;

/**
 * Azure Resource Manager events of the platform's subscription, as Event Grid delivers them: one
 * event or a batch, in the Event Grid or the CloudEvents schema. Writes of a VM mean it exists and
 * runs, deletes that it is gone, and the deallocate and power-off actions that it stopped; events
 * about other resources are skipped. A subscription-validation event is a handshake whose code is
 * echoed.
 */
final class ResourceManagerEvents implements CallbackReader {
    private static final Pattern VM = Pattern.compile(
            "/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Compute/virtualMachines/[^/]+", Pattern.CASE_INSENSITIVE);

    @Override
    public String route() {
        return "azure";
    }

    @Override
    public Authentication authentication() {
        return new Authentication.SharedKey(AzureComputeVendor.WEBHOOK_KEY_SECRET);
    }

    /** Event Grid validates a webhook subscription with a validation event, or the CloudEvents OPTIONS request. */
    @Override
    public boolean answersHandshakes() {
        return true;
    }

    @Override
    public Delivery read(byte[] body) {
        JsonNode delivery = parse(body);
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : delivery.isArray() ? delivery : List.of(delivery)) {
            if (!event.isObject()) throw malformed("an event must be an object");
            events.add(event);
        }
        if (events.size() == 1 && "Microsoft.EventGrid.SubscriptionValidationEvent".equals(eventType(events.getFirst()))) {
            return Delivery.handshake(text(object(events.getFirst(), "data"), "validationCode"));
        }
        List<VendorEvent> changes = new ArrayList<>();
        for (JsonNode event : events) {
            String type = eventType(event);
            if (type == null) throw malformed("'eventType' must be a string");
            String subject = text(event, "subject");
            if (!VM.matcher(subject).matches()) continue;
            String operation = Objects.requireNonNullElse(textOrNull(object(event, "data"), "operationName"), "").toLowerCase();
            ResourceStatus status = switch (type) {
                case "Microsoft.Resources.ResourceWriteSuccess" -> ResourceStatus.RUNNING;
                case "Microsoft.Resources.ResourceDeleteSuccess" -> ResourceStatus.TERMINATED;
                case "Microsoft.Resources.ResourceActionSuccess" -> operation.endsWith("/deallocate/action")
                        || operation.endsWith("/poweroff/action") ? ResourceStatus.STOPPED
                        : operation.endsWith("/start/action") ? ResourceStatus.RUNNING : null;
                default -> null;
            };
            if (status != null) {
                changes.add(new VendorEvent(AzureComputeProvisioner.KIND, text(event, "id"), subject.toLowerCase(), status, eventTime(event)));
            }
        }
        return Delivery.of(changes);
    }

    /** The Event Grid schema's {@code eventType}, or the CloudEvents schema's {@code type}. */
    private static String eventType(JsonNode event) {
        return event.has("specversion") ? textOrNull(event, "type") : textOrNull(event, "eventType");
    }

    private static java.time.Instant eventTime(JsonNode event) {
        return event.has("specversion") ? time(event, "time") : time(event, "eventTime");
    }
}
