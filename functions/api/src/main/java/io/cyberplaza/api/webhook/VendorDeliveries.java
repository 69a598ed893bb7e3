package io.cyberplaza.api.webhook;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.vendor.VendorEvent;
import io.cyberplaza.core.vendor.VendorEventService;
import io.cyberplaza.core.vendor.VendorEventService.Outcome;
import io.cyberplaza.vendor.CallbackReader;
import io.cyberplaza.vendor.Vendors;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Vendor callbacks applied, whichever way they arrive: through the webhook routes, or through a
 * cloud's own event trigger (Azure's Event Grid trigger delivers the same events without a
 * webhook). Callbacks outside the replay window are refused whole; events about resources the
 * platform did not launch are counted as ignored.
 */
@Singleton
public class VendorDeliveries {

    @Serdeable
    public record Receipt(String outcome, int applied, int ignored) {
    }

    private final VendorEventService events;
    private final Vendors vendors;

    public VendorDeliveries(VendorEventService events, Vendors vendors) {
        this.events = events;
        this.vendors = vendors;
    }

    /**
     * A delivery from a trigger the host has already authenticated (and whose subscription it has
     * already validated), read by the vendor module of that callback route.
     */
    public Receipt fromTrigger(String route, byte[] body) {
        CallbackReader reader = vendors.callbacks(route).orElseThrow(() -> new IllegalStateException("no vendor module reads " + route));
        return apply(route, reader.read(body));
    }

    Receipt apply(String route, CallbackReader.Delivery delivery) {
        String kind = vendors.withRoute(route).orElseThrow().kind();
        // A reader speaks for its own vendor only: a change it attributes to another would move that vendor's machines.
        delivery.changes().stream().filter(change -> !change.vendor().equals(kind)).findAny().ifPresent(change -> {
            throw new IllegalStateException("the " + route + " reader reported a change of " + change.vendor());
        });
        if (delivery.sentAt() != null) refuseReplay(delivery.sentAt());
        delivery.changes().forEach(change -> refuseReplay(change.occurredAt()));
        int applied = 0, ignored = 0;
        for (VendorEvent change : delivery.changes()) {
            Outcome outcome = events.apply(change);
            if (outcome == Outcome.UNKNOWN_RESOURCE) ignored++;
            else applied++;
        }
        return new Receipt(applied == 0 ? "ignored" : "applied", applied, ignored);
    }

    private void refuseReplay(Instant occurredAt) {
        if (events.outsideReplayWindow(occurredAt)) {
            throw new DomainException(ErrorType.WEBHOOK_REPLAYED, "the callback's time " + occurredAt + " is outside the replay window");
        }
    }
}
