package io.cyberplaza.vendor;

import io.cyberplaza.core.vendor.VendorEvent;

import java.time.Instant;
import java.util.List;

/**
 * A vendor's state-change callbacks: the route they arrive on ({@code /webhooks/<route>}), how a
 * delivery proves it is the vendor's, and its format read into the platform's {@link VendorEvent}s.
 * Anything that is not the vendor's documented shape is refused as malformed (an invalid-request
 * {@link io.cyberplaza.core.error.DomainException}); well-formed deliveries that carry no state change
 * of a machine read as no changes.
 */
public interface CallbackReader {

    String route();

    Authentication authentication();

    Delivery read(byte[] body);

    /**
     * Whether the vendor validates a subscription with handshakes (a validation event whose code is
     * echoed, the CloudEvents abuse-protection OPTIONS request) before it delivers. Only such routes
     * read a body before its key is checked, and only they answer those handshakes.
     */
    default boolean answersHandshakes() {
        return false;
    }

    /** How a delivery is authenticated before it is read. */
    sealed interface Authentication {
        /** A shared key the vendor sends in the {@code X-CyberPlaza-Webhook-Key} header, kept under {@code secretName}. */
        record SharedKey(String secretName) implements Authentication {
        }

        /** The OIDC token the deployment's push subscription signs (audience and account from the deployment). */
        record PushToken() implements Authentication {
        }
    }

    /**
     * What a delivery says.
     *
     * @param changes   the machines' state changes
     * @param sentAt    when the vendor sent it, where the envelope says so (checked against the replay window); else null
     * @param handshake a subscription-validation code the vendor expects echoed before it delivers; such a delivery
     *                  carries no changes and is answered without authentication; else null
     */
    record Delivery(List<VendorEvent> changes, Instant sentAt, String handshake) {
        public Delivery {
            changes = List.copyOf(changes);
        }

        public static Delivery of(List<VendorEvent> changes) {
            return new Delivery(changes, null, null);
        }

        public static Delivery sent(Instant sentAt, List<VendorEvent> changes) {
            return new Delivery(changes, sentAt, null);
        }

        public static Delivery handshake(String code) {
            return new Delivery(List.of(), null, code);
        }
    }
}
