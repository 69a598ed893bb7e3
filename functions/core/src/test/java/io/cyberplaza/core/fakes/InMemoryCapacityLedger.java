package io.cyberplaza.core.fakes;

import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.capacity.CapacityWindow;
import io.cyberplaza.core.store.ConditionFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

public final class InMemoryCapacityLedger implements CapacityLedger {
    private record Reservation(Instant window, long amount, boolean settled) {
    }

    private final Map<String, Map<Instant, CapacityWindow>> windows = new HashMap<>();
    private final Map<String, Reservation> reservations = new HashMap<>();

    @Override
    public synchronized void define(String offerId, List<CapacityWindow> offered) {
        Map<Instant, CapacityWindow> current = windows.computeIfAbsent(offerId, id -> new HashMap<>());
        for (CapacityWindow w : offered) {
            long reserved = Optional.ofNullable(current.get(w.start())).map(CapacityWindow::reservedUnitSeconds).orElse(0L);
            if (w.totalUnitSeconds() < reserved) throw new ConditionFailedException("window " + w.start() + " has more reserved than that");
        }
        for (CapacityWindow w : offered) {
            long reserved = Optional.ofNullable(current.get(w.start())).map(CapacityWindow::reservedUnitSeconds).orElse(0L);
            current.put(w.start(), new CapacityWindow(w.start(), w.end(), w.totalUnitSeconds(), reserved));
        }
    }

    @Override
    public synchronized List<CapacityWindow> windows(String offerId) {
        List<CapacityWindow> list = new ArrayList<>(windows.getOrDefault(offerId, Map.of()).values());
        list.sort(Comparator.comparing(CapacityWindow::start));
        return list;
    }

    @Override
    public synchronized Outcome reserve(String offerId, String orderId, Instant at, long unitSeconds) {
        Map<Instant, CapacityWindow> offer = windows.getOrDefault(offerId, Map.of());
        if (offer.isEmpty()) return Outcome.UNLIMITED;
        if (reservations.containsKey(offerId + "#" + orderId)) return Outcome.ALREADY_RESERVED;
        Optional<CapacityWindow> covering = offer.values().stream().filter(w -> w.covers(at)).findFirst();
        if (covering.isEmpty()) return Outcome.NO_WINDOW;
        CapacityWindow w = covering.get();
        if (w.availableUnitSeconds() < unitSeconds) return Outcome.EXHAUSTED;
        offer.put(w.start(), new CapacityWindow(w.start(), w.end(), w.totalUnitSeconds(), w.reservedUnitSeconds() + unitSeconds));
        reservations.put(offerId + "#" + orderId, new Reservation(w.start(), unitSeconds, false));
        return Outcome.RESERVED;
    }

    @Override
    public synchronized void settle(String offerId, String orderId, long usedUnitSeconds) {
        Reservation r = reservations.get(offerId + "#" + orderId);
        if (r == null || r.settled()) return;
        long kept = Math.min(Math.max(usedUnitSeconds, 0), r.amount());
        CapacityWindow w = windows.get(offerId).get(r.window());
        windows.get(offerId).put(w.start(), new CapacityWindow(w.start(), w.end(), w.totalUnitSeconds(),
                w.reservedUnitSeconds() - (r.amount() - kept)));
        reservations.put(offerId + "#" + orderId, new Reservation(r.window(), kept, true));
    }
}
