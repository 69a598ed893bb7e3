package io.cyberplaza.store.document;

import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.capacity.CapacityWindow;
import io.cyberplaza.core.store.ConditionFailedException;
import io.cyberplaza.store.document.DocumentStore.DocumentKey;
import io.cyberplaza.store.document.DocumentTable.Stored;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An offer's windows and its orders' reservations share the offer's partition, so a reservation
 * and the window it draws from change in one commit. Reservation rows ({@code r#order}) sort before
 * window rows ({@code w#start}).
 */
final class DocumentCapacityLedger implements CapacityLedger {
    private static final String WINDOWS_FROM = "w#";

    record OfferWindow(String offerId, CapacityWindow window) {
    }

    record Reservation(String offerId, String orderId, String windowRow, long amount, boolean settled) {
    }

    private final DocumentTable<OfferWindow> windows;
    private final DocumentTable<Reservation> reservations;

    DocumentCapacityLedger(DocumentStore store, String collection) {
        this.windows = new DocumentTable<>(store, collection, OfferWindow.class,
                kept -> new DocumentKey(kept.offerId(), windowRow(kept.window().start())));
        this.reservations = new DocumentTable<>(store, collection, Reservation.class,
                reservation -> reservationKey(reservation.offerId(), reservation.orderId()));
    }

    private static String windowRow(Instant start) {
        return WINDOWS_FROM + String.format("%015d", start.toEpochMilli());
    }

    private static DocumentKey reservationKey(String offerId, String orderId) {
        return new DocumentKey(offerId, "r#" + orderId);
    }

    @Override
    public void define(String offerId, List<CapacityWindow> defined) {
        for (CapacityWindow w : defined) {
            DocumentKey key = new DocumentKey(offerId, windowRow(w.start()));
            boolean written = false;
            for (int attempt = 0; attempt < Contention.MAX_ATTEMPTS && !written; attempt++) {
                Optional<Stored<OfferWindow>> stored = windows.get(key);
                if (stored.isEmpty()) {
                    written = windows.create(new OfferWindow(offerId, CapacityWindow.offered(w.start(), w.end(), w.totalUnitSeconds())));
                } else {
                    long reserved = stored.get().value().window().reservedUnitSeconds();
                    if (reserved > w.totalUnitSeconds()) {
                        throw new ConditionFailedException("window " + w.start() + " of " + offerId + " has more reserved than " + w.totalUnitSeconds());
                    }
                    written = windows.replace(stored.get(),
                            new OfferWindow(offerId, new CapacityWindow(w.start(), w.end(), w.totalUnitSeconds(), reserved)));
                }
                if (!written) Contention.backOff(attempt);
            }
            if (!written) throw new IllegalStateException("window " + w.start() + " of " + offerId + " kept changing");
        }
    }

    @Override
    public List<CapacityWindow> windows(String offerId) {
        return windows.rows(offerId, WINDOWS_FROM, 0).stream().map(OfferWindow::window)
                .sorted(Comparator.comparing(CapacityWindow::start)).toList();
    }

    @Override
    public Outcome reserve(String offerId, String orderId, Instant at, long unitSeconds) {
        for (int attempt = 0; attempt < Contention.MAX_ATTEMPTS; attempt++) {
            List<Stored<OfferWindow>> offered = windows.storedRows(offerId, WINDOWS_FROM, 0);
            if (offered.isEmpty()) return Outcome.UNLIMITED;
            if (reservations.get(reservationKey(offerId, orderId)).isPresent()) return Outcome.ALREADY_RESERVED;
            Optional<Stored<OfferWindow>> covering = offered.stream().filter(w -> w.value().window().covers(at)).findFirst();
            if (covering.isEmpty()) return Outcome.NO_WINDOW;
            CapacityWindow w = covering.get().value().window();
            if (w.availableUnitSeconds() < unitSeconds) return Outcome.EXHAUSTED;
            CapacityWindow drawn = new CapacityWindow(w.start(), w.end(), w.totalUnitSeconds(), w.reservedUnitSeconds() + unitSeconds);
            boolean reserved = windows.commit(List.of(
                    reservations.createWrite(new Reservation(offerId, orderId, windowRow(w.start()), unitSeconds, false)),
                    windows.replaceWrite(covering.get(), new OfferWindow(offerId, drawn))));
            if (reserved) return Outcome.RESERVED;
            // The window changed under us (another order, a resize) or this order reserved meanwhile: read again.
            Contention.backOff(attempt);
        }
        return Outcome.EXHAUSTED;
    }

    @Override
    public void settle(String offerId, String orderId, long usedUnitSeconds) {
        for (int attempt = 0; attempt < Contention.MAX_ATTEMPTS; attempt++) {
            Optional<Stored<Reservation>> reservation = reservations.get(reservationKey(offerId, orderId));
            if (reservation.isEmpty() || reservation.get().value().settled()) return;
            Reservation r = reservation.get().value();
            Optional<Stored<OfferWindow>> window = windows.get(new DocumentKey(offerId, r.windowRow()));
            long kept = Math.min(Math.max(usedUnitSeconds, 0), r.amount());
            if (window.isEmpty()) {
                reservations.replace(reservation.get(), new Reservation(offerId, orderId, r.windowRow(), kept, true));
                return;
            }
            CapacityWindow w = window.get().value().window();
            CapacityWindow returned = new CapacityWindow(w.start(), w.end(), w.totalUnitSeconds(), w.reservedUnitSeconds() - (r.amount() - kept));
            boolean settled = windows.commit(List.of(
                    reservations.replaceWrite(reservation.get(), new Reservation(offerId, orderId, r.windowRow(), kept, true)),
                    windows.replaceWrite(window.get(), new OfferWindow(offerId, returned))));
            if (settled) return;
            Contention.backOff(attempt);
        }
        throw new IllegalStateException("the reservation of " + orderId + " on " + offerId + " kept changing");
    }
}
