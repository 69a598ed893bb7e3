package io.cyberplaza.core.vendor;

import io.cyberplaza.core.log.Correlation;
import io.cyberplaza.core.order.EndReason;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.order.OrderUpdater;
import io.cyberplaza.core.run.CompletionService;
import io.cyberplaza.provisioner.ResourceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies vendors' state-change callbacks (the vendor-webhook function's use case). A callback
 * updates the instance record and the order's usage clock: the clock starts when the vendor first
 * reports the machine running (not when it was asked for), and a machine the vendor stopped,
 * failed or took away ends its running order at the vendor's moment. Every event is applied at
 * most once (receipts), only if it is newer than what the record holds, and only for resources the
 * platform launched; anything else is acknowledged and ignored, so vendors stop retrying it.
 */
public final class VendorEventService {
    private static final Logger log = LoggerFactory.getLogger(VendorEventService.class);

    public enum Outcome { APPLIED, DUPLICATE, STALE, UNKNOWN_RESOURCE }

    private final InstanceRepository instances;
    private final WebhookReceipts receipts;
    private final OrderRepository repository;
    private final OrderUpdater orders;
    private final CompletionService completion;
    private final Clock clock;
    private final Duration replayWindow;

    public VendorEventService(InstanceRepository instances, WebhookReceipts receipts, OrderRepository orders, CompletionService completion,
                              Clock clock, Duration replayWindow) {
        this.instances = instances;
        this.receipts = receipts;
        this.repository = orders;
        this.orders = new OrderUpdater(orders);
        this.completion = completion;
        this.clock = clock;
        this.replayWindow = replayWindow;
    }

    /** Whether a callback's own time is too old (or too far ahead) to be believed: replays are refused. */
    public boolean outsideReplayWindow(Instant occurredAt) {
        Instant now = clock.instant();
        return occurredAt.isBefore(now.minus(replayWindow)) || occurredAt.isAfter(now.plus(Duration.ofMinutes(5)));
    }

    public Outcome apply(VendorEvent event) {
        if (receipts.seen(event.vendor(), event.eventId())) return Outcome.DUPLICATE;
        Optional<Instance> known = instances.find(event.resourceId()).filter(i -> i.vendor().equals(event.vendor()));
        if (known.isEmpty()) {
            log.info("{} event {} is about {}, which the platform did not launch: ignored", event.vendor(), event.eventId(),
                    event.resourceId());
            return Outcome.UNKNOWN_RESOURCE;
        }
        try (var correlated = Correlation.order(known.get().orderId())) {
            Outcome outcome = applyToInstance(event, known.get());
            // Recorded after the change so that a crash in between leaves the event to be applied again by its retry.
            receipts.record(event.vendor(), event.eventId(), clock.instant(), clock.instant().plus(replayWindow.multipliedBy(2)));
            return outcome;
        }
    }

    /** Applies the change to the record as read; reads it again only when another delivery changed it meanwhile. */
    private Outcome applyToInstance(VendorEvent event, Instance read) {
        Instance current = read;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (attempt > 0) current = instances.find(event.resourceId()).orElseThrow();
            if (!current.isOlderThan(event.occurredAt())) return Outcome.STALE;
            Instance next = current.changedTo(event.status(), event.occurredAt());
            if (!instances.replace(current, next)) continue;
            log.info("{} reports {} {} at {}", event.vendor(), event.resourceId(), event.status(), event.occurredAt());
            followOnOrder(current, next);
            return Outcome.APPLIED;
        }
        throw new IllegalStateException("instance " + event.resourceId() + " kept changing");
    }

    private void followOnOrder(Instance before, Instance after) {
        Optional<Order> order = repository.find(after.orderId()).filter(o -> after.resourceId().equals(o.resourceId()));
        if (order.isEmpty() || order.get().state() != OrderState.RUNNING) return;
        if (before.runningSince() == null && after.runningSince() != null) {
            Instant start = after.runningSince();
            orders.update(after.orderId(), o -> o.state() == OrderState.RUNNING && o.usage() != null
                    && o.usage().startedAt() != null && o.usage().startedAt().isBefore(start)
                    ? Optional.of(o.withUsage(o.usage().startedFrom(start), clock.instant())) : Optional.empty());
        }
        if (!after.status().isActive()) {
            EndReason reason = after.status() == ResourceStatus.FAILED ? EndReason.RESOURCE_FAILED : EndReason.RESOURCE_GONE;
            completion.complete(after.orderId(), reason, after.endedAt());
        }
    }
}
