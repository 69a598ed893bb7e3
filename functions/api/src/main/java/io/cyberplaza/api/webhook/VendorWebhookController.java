package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.vendor.CallbackReader;
import io.cyberplaza.vendor.CallbackReader.Authentication;
import io.cyberplaza.vendor.Vendors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;


/**
 * The vendor-webhook function: {@code /webhooks/<route>} for each vendor module that sends
 * callbacks. The module says how its deliveries are authenticated and reads its own format; this
 * controller authenticates, answers a vendor's subscription handshake, refuses callbacks outside
 * the replay window and hands the state changes to the core. Forged or malformed callbacks get a
 * 4xx problem and change nothing; callbacks about resources the platform did not launch get 202
 * and are ignored. Vendor-facing, so not part of the public API document.
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

    private final Vendors vendors;
    private final VendorDeliveries deliveries;
    private final WebhookKeys keys;
    private final GooglePushTokens pushTokens;

    public VendorWebhookController(Vendors vendors, VendorDeliveries deliveries, WebhookKeys keys, GooglePushTokens pushTokens) {
        this.vendors = vendors;
        this.deliveries = deliveries;
        this.keys = keys;
        this.pushTokens = pushTokens;
    }

    @Post(value = "/{route}", consumes = MediaType.ALL)
    public HttpResponse<?> deliver(@PathVariable String route, @Nullable @Header(KEY_HEADER) String key,
                                   @Nullable @Header("Authorization") String authorization, @Body byte[] body) {
        CallbackReader reader = reader(route);
        // Nothing of the body is read before the caller is known to be the vendor, except on a route
        // whose vendor validates its subscription first: its handshake carries no key.
        switch (reader.authentication()) {
            case Authentication.PushToken token -> pushTokens.require(authorization);
            case Authentication.SharedKey shared when !reader.answersHandshakes() -> requireKey(shared, key);
            case Authentication.SharedKey checkedOnceRead -> {
            }
        }
        CallbackReader.Delivery delivery;
        try {
            delivery = reader.read(body);
        } catch (DomainException malformed) {
            // Without the key a caller learns nothing about the format, only that it is not the vendor.
            if (reader.authentication() instanceof Authentication.SharedKey shared) requireKey(shared, key);
            throw malformed;
        }
        if (delivery.handshake() != null && reader.answersHandshakes()) return HttpResponse.ok(new Validation(delivery.handshake()));
        if (reader.authentication() instanceof Authentication.SharedKey shared) requireKey(shared, key);
        VendorDeliveries.Receipt receipt = deliveries.apply(route, delivery);
        return receipt.applied() == 0 ? HttpResponse.accepted().body(receipt) : HttpResponse.ok(receipt);
    }

    /** The CloudEvents abuse-protection handshake a CloudEvents subscription starts with, on the routes whose vendor sends it. */
    @Options("/{route}")
    public HttpResponse<Void> handshake(@PathVariable String route, @Nullable @Header("WebHook-Request-Origin") String origin) {
        if (!reader(route).answersHandshakes()) throw new DomainException(ErrorType.NOT_FOUND, "this route answers no handshake");
        if (origin == null || origin.isBlank() || origin.length() > 255) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "the handshake names no WebHook-Request-Origin");
        }
        return HttpResponse.<Void>ok().header("WebHook-Allowed-Origin", origin).header("WebHook-Allowed-Rate", "*");
    }

    private void requireKey(Authentication.SharedKey shared, String key) {
        if (!keys.matches(shared.secretName(), key)) throw WebhookKeys.unauthenticated();
    }

    private CallbackReader reader(String route) {
        return vendors.callbacks(route).orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no vendor delivers to this route"));
    }
}
