package io.cyberplaza.api.webhook;

import io.cyberplaza.api.web.GroupBuyDtos;
import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.groupbuy.Campaign;
import io.cyberplaza.core.groupbuy.CouponIntake;
import io.cyberplaza.core.groupbuy.CouponSource;
import io.cyberplaza.core.groupbuy.DeliveredCode;
import io.cyberplaza.core.groupbuy.GroupBuyService;
import io.cyberplaza.core.secret.SecretNotFoundException;
import io.cyberplaza.core.secret.SecretStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Coupon codes a vendor delivers for a purchase the platform made. The vendor signs each delivery:
 * {@code X-CyberPlaza-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} under its own
 * key (the campaign's vendor's entry of {@link SecretStore#COUPON_WEBHOOK_KEYS}), so no vendor can
 * deliver codes for another's campaign; deliveries older than five minutes are refused, and a
 * redelivery adds nothing (codes are de-duplicated by fingerprint). Vendor-facing, so not part of the
 * public API document.
 */
@Hidden
@Controller("/webhooks/coupons")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
public class CouponWebhookController {
    private static final Logger log = LoggerFactory.getLogger(CouponWebhookController.class);
    static final String SIGNATURE_HEADER = "X-CyberPlaza-Signature";
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final JsonMapper json;
    private final GroupBuyService groupBuys;
    private final CouponIntake intake;
    private final SecretStore secrets;
    private final Clock clock;

    public CouponWebhookController(JsonMapper json, GroupBuyService groupBuys, CouponIntake intake, SecretStore secrets,
                                   Clock clock) {
        this.json = json;
        this.groupBuys = groupBuys;
        this.intake = intake;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL)
    public GroupBuyDtos.ReceiptView deliver(@Nullable @Header(SIGNATURE_HEADER) String signature, @Body byte[] body) {
        Signature signed = Signature.parse(signature);
        // Read before it is trusted only to learn whose key to check it with; nothing is applied until it is,
        // and until then every failure looks the same, so an unsigned caller learns nothing of campaigns or vendors.
        JsonNode delivery = parse(body);
        String campaignId = text(delivery, "campaignId");
        Campaign campaign = campaignId.matches(GroupBuyDtos.CAMPAIGN_ID) ? findCampaign(campaignId) : null;
        String key = campaign == null ? null : vendorKey(campaign.vendor());
        if (key == null) {
            if (campaign != null) log.warn("a coupon delivery for vendor {} came, and no key is set for that vendor", campaign.vendor());
            throw new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "the delivery's signature does not match");
        }
        verify(signed, key, body);
        if (campaign.supply().source() != CouponSource.WEBHOOK || campaign.purchaseRef() == null
                || !campaign.purchaseRef().equals(text(delivery, "purchaseRef"))) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "campaign " + campaign.campaignId() + " awaits no delivery for this purchase");
        }
        List<DeliveredCode> codes = new ArrayList<>();
        try {
            JsonNode delivered = delivery.get("codes");
            if (delivered != null && delivered.isArray()) {
                for (JsonNode code : delivered.values()) codes.add(new DeliveredCode(text(code, "code"), Instant.parse(text(code, "expiresAt"))));
            }
        } catch (DateTimeParseException e) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "every code has an ISO-8601 expiresAt");
        }
        if (codes.isEmpty()) throw new DomainException(ErrorType.INVALID_REQUEST, "the delivery holds no codes");
        CouponIntake.Receipt receipt = intake.receive(campaign.campaignId(), codes);
        return new GroupBuyDtos.ReceiptView(receipt.received(), receipt.added(), receipt.duplicates());
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : json.readValue(body, JsonNode.class);
            if (node == null || !node.isObject()) throw new DomainException(ErrorType.INVALID_REQUEST, "the delivery is not a JSON object");
            return node;
        } catch (IOException | UncheckedIOException e) {
            throw new DomainException(ErrorType.INVALID_REQUEST, "the delivery is not JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.isObject() ? node.get(field) : null;
        return value != null && value.isString() ? value.getStringValue() : "";
    }

    /** The parts of the signature header, checked for shape before anything else is read. */
    private record Signature(String timestamp, String hex) {
        static Signature parse(@Nullable String header) {
            String timestamp = null, given = null;
            for (String part : header == null ? new String[0] : header.split(",")) {
                if (part.startsWith("t=")) timestamp = part.substring(2);
                if (part.startsWith("v1=")) given = part.substring(3);
            }
            if (timestamp == null || given == null || !timestamp.matches("[0-9]{1,12}") || !given.matches("[0-9a-f]{64}")) {
                throw new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "the delivery carries no valid " + SIGNATURE_HEADER);
            }
            return new Signature(timestamp, given);
        }
    }

    private Campaign findCampaign(String campaignId) {
        try {
            return groupBuys.get(campaignId);
        } catch (DomainException notFound) {
            return null;
        }
    }

    /** The vendor's own key, or null when none is set. */
    private String vendorKey(String vendor) {
        JsonNode keys;
        try {
            keys = parse(secrets.get(SecretStore.COUPON_WEBHOOK_KEYS).getBytes(StandardCharsets.UTF_8));
        } catch (SecretNotFoundException | DomainException unset) {
            keys = null;
        }
        JsonNode key = keys != null && keys.isObject() ? keys.get(vendor) : null;
        return key == null || !key.isString() || key.getStringValue().isBlank() ? null : key.getStringValue();
    }

    private void verify(Signature signature, String key, byte[] body) {
        byte[] expected = hmac(key, signature.timestamp(), body);
        if (!MessageDigest.isEqual(expected, HexFormat.of().parseHex(signature.hex()))) {
            throw new DomainException(ErrorType.WEBHOOK_UNAUTHENTICATED, "the delivery's signature does not match");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(signature.timestamp()));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            throw new DomainException(ErrorType.WEBHOOK_REPLAYED, "the delivery was signed outside the replay window");
        }
    }

    /** The signature a delivery of {@code body} signed at {@code timestamp} carries. */
    public static byte[] hmac(String key, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }
}
