package io.cyberplaza.runtime.coupons;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.CouponVendor;
import io.cyberplaza.core.groupbuy.DeliveredCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A coupon vendor's reseller API: {@code POST /v1/orders} buys (its {@code Idempotency-Key} header
 * makes a retried purchase return the first order), {@code GET /v1/orders/{id}/codes} lists the
 * codes issued for it. Codes travel only in response bodies, which are never logged.
 */
public final class HttpCouponVendor implements CouponVendor {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final String name;
    private final URI base;
    private final String apiKey;
    private final HttpClient http;

    public HttpCouponVendor(String name, URI base, String apiKey, HttpClient http) {
        this.name = name;
        this.base = base;
        this.apiKey = apiKey;
        this.http = http;
    }

    @Override
    public String purchase(Campaign campaign, long units, String idempotencyKey) {
        String body = write(Map.of("sku", campaign.unit(), "quantity", units, "reference", campaign.campaignId()));
        JsonNode order = send(HttpRequest.newBuilder(base.resolve("/v1/orders")).header("Idempotency-Key", idempotencyKey)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), "purchase");
        String orderId = order.path("orderId").asText("");
        if (orderId.isBlank()) throw new IllegalStateException(name + " answered a purchase without an orderId");
        return orderId;
    }

    @Override
    public List<DeliveredCode> codes(Campaign campaign, String purchaseRef) {
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve("/v1/orders/" + purchaseRef + "/codes")).GET(), "codes");
        List<DeliveredCode> codes = new ArrayList<>();
        for (JsonNode code : answer.path("codes")) {
            codes.add(new DeliveredCode(code.path("code").asText(), Instant.parse(code.path("expiresAt").asText())));
        }
        return codes;
    }

    private JsonNode send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + apiKey).header("Accept", "application/json")
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            // The status only: a body may hold codes.
            if (response.statusCode() / 100 != 2) throw new IllegalStateException(name + " refused the " + what + ": HTTP " + response.statusCode());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(name + " could not be reached for the " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + name, e);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
