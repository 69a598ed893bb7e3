package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.vendor.VendorEventService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;


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
    public record Validation(String validationResponse) {
    }

    private final VendorDeliveries deliveries;
    private final WebhookKeys keys;
    private final GooglePushTokens googleTokens;

    public VendorWebhookController(VendorDeliveries deliveries, WebhookKeys keys, GooglePushTokens googleTokens) {
        this.deliveries = deliveries;
        this.keys = keys;
        this.googleTokens = googleTokens;
    }

    /** EC2 state changes from an EventBridge rule through an API destination (API-key connection). */
    @Post(value = "/aws", consumes = MediaType.ALL)
    public HttpResponse<VendorDeliveries.Receipt> aws(@Nullable @Header(KEY_HEADER) String key, @Body byte[] body) {
        keys.require(SecretStore.AWS_WEBHOOK_KEY, key);
        return answer(deliveries.apply(VendorCallbacks.awsStateChange(deliveries.parse(body)).stream().toList()));
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
        JsonNode delivery = deliveries.asEventGridArray(deliveries.parse(body));
        if (VendorCallbacks.isAzureValidation(delivery)) {
            return HttpResponse.ok(new Validation(VendorCallbacks.azureValidationCode(delivery)));
        }
        keys.require(SecretStore.AZURE_WEBHOOK_KEY, key);
        return answer(deliveries.apply(VendorCallbacks.azureResourceEvents(delivery)));
    }

    /** Pub/Sub push of Compute Engine audit log entries, authenticated by Google's OIDC token. */
    @Post(value = "/gcp", consumes = MediaType.ALL)
    public HttpResponse<VendorDeliveries.Receipt> gcp(@Nullable @Header("Authorization") String authorization, @Body byte[] body) {
        googleTokens.require(authorization);
        JsonNode push = deliveries.parse(body);
        deliveries.refuseReplay(VendorCallbacks.publishTime(push));
        return answer(deliveries.apply(VendorCallbacks.gcpAuditLogPush(push, deliveries::parse).stream().toList()));
    }


    /** 200 when something changed, 202 when every event was about resources the platform did not launch. */
    private static HttpResponse<VendorDeliveries.Receipt> answer(VendorDeliveries.Receipt receipt) {
        return receipt.applied() == 0 ? HttpResponse.accepted().body(receipt) : HttpResponse.ok(receipt);
    }
}
