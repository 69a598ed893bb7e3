package io.cyberplaza.core.capacity;

import java.time.Instant;
import java.util.List;

/**
 * Port: the Capacity table. Reservations are conditional writes: however many orders race for the
 * last units, the reserved amount never passes the window's total, and each order reserves once.
 * An offer with no windows sells without a capacity limit.
 */
public interface CapacityLedger {

    enum Outcome { RESERVED, ALREADY_RESERVED, UNLIMITED, NO_WINDOW, EXHAUSTED }

    /**
     * Adds windows or changes their totals and ends (a window is known by its start). A total below
     * what is already reserved is refused with ConditionFailedException.
     */
    void define(String offerId, List<CapacityWindow> windows);

    List<CapacityWindow> windows(String offerId);

    /** Reserves {@code unitSeconds} for the order in the window covering {@code at}. */
    Outcome reserve(String offerId, String orderId, Instant at, long unitSeconds);

    /**
     * The order is over: it keeps {@code usedUnitSeconds} of its reservation (at most what it
     * reserved) and gives the rest back. Repeating it changes nothing.
     */
    void settle(String offerId, String orderId, long usedUnitSeconds);

    /** For deployments and tests that sell without capacity limits. */
    CapacityLedger UNLIMITED = new CapacityLedger() {
        @Override
        public void define(String offerId, List<CapacityWindow> windows) {
            throw new UnsupportedOperationException("this deployment does not track capacity");
        }

        @Override
        public List<CapacityWindow> windows(String offerId) {
            return List.of();
        }

        @Override
        public Outcome reserve(String offerId, String orderId, Instant at, long unitSeconds) {
            return Outcome.UNLIMITED;
        }

        @Override
        public void settle(String offerId, String orderId, long usedUnitSeconds) {
        }
    };
}
