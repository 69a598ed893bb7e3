package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.core.vendor.VendorEventService;
import io.cyberplaza.core.vendor.VendorEventService.Outcome;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vendor callbacks read and applied, whichever way they arrive: through the webhook routes, or
 * through a cloud's own event trigger (Azure's Event Grid trigger delivers the same events without
 * a webhook). Callbacks outside the replay window are refused; events about resources the platform
 * did not launch are counted as ignored.
 */
@Singleton
public class VendorDeliveries {

    @Serdeable
    public record Receipt(String outcome, int applied, int ignored) {
    }

    private final VendorEventService events;
    private final JsonMapper json;

    public VendorDeliveries(VendorEventService events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    /** Event Grid events (one, or a batch; Event Grid or CloudEvents schema) of Azure Resource Manager. */
    public Receipt azureEventGrid(byte[] delivery) {
        return apply(VendorCallbacks.azureResourceEvents(asEventGridArray(parse(delivery))));
    }

    public Receipt apply(List<VendorEvent> changes) {
        changes.forEach(change -> refuseReplay(change.occurredAt()));
        int applied = 0, ignored = 0;
        for (VendorEvent change : changes) {
            Outcome outcome = events.apply(change);
            if (outcome == Outcome.UNKNOWN_RESOURCE) ignored++;
            else applied++;
        }
        return new Receipt(applied == 0 ? "ignored" : "applied", applied, ignored);
    }

    void refuseReplay(Instant occurredAt) {
        if (events.outsideReplayWindow(occurredAt)) {
            throw new DomainException(ErrorType.WEBHOOK_REPLAYED, "the callback's time " + occurredAt + " is outside the replay window");
        }
    }

    /** CloudEvents deliveries (one event or a batch) read as Event Grid schema events. */
    JsonNode asEventGridArray(JsonNode delivery) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : delivery.isArray() ? delivery.values() : List.of(delivery)) {
            if (!event.isObject()) throw VendorCallbacks.malformed("an event must be an object");
            if (event.get("specversion") == null) {
                events.add(event);
                continue;
            }
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            event.entries().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
            Optional.ofNullable(event.get("type")).ifPresent(type -> fields.put("eventType", type));
            Optional.ofNullable(event.get("time")).ifPresent(time -> fields.put("eventTime", time));
            events.add(JsonNode.createObjectNode(fields));
        }
        return JsonNode.createArrayNode(events);
    }

    JsonNode parse(byte[] body) {
        try {
            if (body == null || body.length == 0) throw VendorCallbacks.malformed("the body is empty");
            JsonNode node = json.readValue(body, JsonNode.class);
            if (node == null || !(node.isObject() || node.isArray())) throw VendorCallbacks.malformed("the body is not a JSON object");
            return node;
        } catch (IOException e) {
            throw VendorCallbacks.malformed("the body is not JSON");
        } catch (UncheckedIOException e) {
            throw VendorCallbacks.malformed("the body is not JSON");
        }
    }
}
