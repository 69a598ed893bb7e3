package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.core.vendor.VendorEventService;
import io.cyberplaza.core.vendor.VendorEventService.Outcome;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vendor-webhook function: one route per vendor. Each route authenticates the vendor its own
 * way, refuses callbacks outside the replay window, reads the vendor's format and hands the state
 * changes to {@link VendorEventService}. Forged or malformed callbacks get a 4xx problem and change
 * nothing; callbacks about resources the platform did not launch get 202 and are ignored.
 * Vendor-facing, so not part of the public API document.
 */
@Hidden
@Controller("/webhooks")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class VendorWebhookController {
    static final String KEY_HEADER = "X-CyberPlaza-Webhook-Key";

    @Serdeable
    public record Receipt(String outcome, int applied, int ignored) {
    }

    @Serdeable
    public record Validation(String validationResponse) {
    }

    private final VendorEventService events;
    private final WebhookKeys keys;
    private final GooglePushTokens googleTokens;
    private final JsonMapper json;

    public VendorWebhookController(VendorEventService events, WebhookKeys keys, GooglePushTokens googleTokens, JsonMapper json) {
        this.events = events;
        this.keys = keys;
        this.googleTokens = googleTokens;
        this.json = json;
    }

    /** EC2 state changes from an EventBridge rule through an API destination (API-key connection). */
    @Post(value = "/aws", consumes = MediaType.ALL)
    public HttpResponse<Receipt> aws(@Nullable @Header(KEY_HEADER) String key, @Body byte[] body) {
        keys.require(SecretStore.AWS_WEBHOOK_KEY, key);
        return apply(VendorCallbacks.awsStateChange(parse(body)).stream().toList());
    }

    /** The CloudEvents abuse-protection handshake Event Grid starts a CloudEvents subscription with. */
    @Options("/azure")
    public HttpResponse<Void> azureHandshake(@Nullable @Header("WebHook-Request-Origin") String origin) {
        if (origin == null || origin.isBlank() || origin.length() > 255) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "the handshake names no WebHook-Request-Origin");
        }
        return HttpResponse.<Void>ok().header("WebHook-Allowed-Origin", origin).header("WebHook-Allowed-Rate", "*");
    }

    /**
     * Event Grid deliveries: the subscription validation handshake (answered with its code, it changes
     * nothing), then VM write, action and delete events with the subscription's secret delivery header.
     */
    @Post(value = "/azure", consumes = MediaType.ALL)
    public HttpResponse<?> azure(@Nullable @Header(KEY_HEADER) String key, @Body byte[] body) {
        JsonNode delivery = asEventGridArray(parse(body));
        if (VendorCallbacks.isAzureValidation(delivery)) {
            return HttpResponse.ok(new Validation(VendorCallbacks.azureValidationCode(delivery)));
        }
        keys.require(SecretStore.AZURE_WEBHOOK_KEY, key);
        return apply(VendorCallbacks.azureResourceEvents(delivery));
    }

    /** Pub/Sub push of Compute Engine audit log entries, authenticated by Google's OIDC token. */
    @Post(value = "/gcp", consumes = MediaType.ALL)
    public HttpResponse<Receipt> gcp(@Nullable @Header("Authorization") String authorization, @Body byte[] body) {
        googleTokens.require(authorization);
        JsonNode push = parse(body);
        refuseReplay(VendorCallbacks.publishTime(push));
        return apply(VendorCallbacks.gcpAuditLogPush(push, this::parse).stream().toList());
    }

    private HttpResponse<Receipt> apply(List<VendorEvent> changes) {
        changes.forEach(change -> refuseReplay(change.occurredAt()));
        int applied = 0, ignored = 0;
        for (VendorEvent change : changes) {
            Outcome outcome = events.apply(change);
            if (outcome == Outcome.UNKNOWN_RESOURCE) ignored++;
            else applied++;
        }
        if (applied == 0) return HttpResponse.accepted().body(new Receipt("ignored", 0, ignored));
        return HttpResponse.ok(new Receipt("applied", applied, ignored));
    }

    private void refuseReplay(Instant occurredAt) {
        if (events.outsideReplayWindow(occurredAt)) {
            throw new DomainException(ErrorType.WEBHOOK_REPLAYED, "the callback's time " + occurredAt + " is outside the replay window");
        }
    }

    /** CloudEvents deliveries (one event or a batch) read as Event Grid schema events. */
    private JsonNode asEventGridArray(JsonNode delivery) {
        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : delivery.isArray() ? delivery.values() : List.of(delivery)) {
            if (!event.isObject()) throw VendorCallbacks.malformed("an event must be an object");
            if (event.get("specversion") == null) {
                events.add(event);
                continue;
            }
            Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
            event.entries().forEach(entry -> fields.put(entry.getKey(), entry.getValue()));
            Optional.ofNullable(event.get("type")).ifPresent(type -> fields.put("eventType", type));
            Optional.ofNullable(event.get("time")).ifPresent(time -> fields.put("eventTime", time));
            events.add(JsonNode.createObjectNode(fields));
        }
        return JsonNode.createArrayNode(events);
    }

    private JsonNode parse(byte[] body) {
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
