package io.cyberplaza.local;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults the local stack injects into its own triggers while a soak runs, each kind switchable and
 * counted: every queue message and schedule tick delivered 2 or 3 times, as SQS and EventBridge may
 * (at-least-once delivery, a tick that overlaps the previous one).
 */
public final class Faults {
    public enum Kind {
        DUPLICATE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Faults NONE = new Faults(EnumSet.noneOf(Kind.class), 0);

    private final Set<Kind> enabled;
    private final Random random;
    private final Map<Kind, AtomicLong> injected = new EnumMap<>(Kind.class);

    public Faults(Set<Kind> enabled, long seed) {
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(enabled);
        this.random = new Random(seed);
        for (Kind kind : Kind.values()) injected.put(kind, new AtomicLong());
    }

    /** {@code all}, {@code none} or a comma-separated list of kinds. */
    public static Set<Kind> parse(String list) {
        if (list.equals("all")) return EnumSet.allOf(Kind.class);
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (list.equals("none") || list.isBlank()) return kinds;
        for (String name : List.of(list.split(","))) {
            try {
                kinds.add(Kind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("no fault kind \"" + name.trim() + "\"; the kinds are " + List.of(Kind.values()).stream()
                        .map(Kind::label).toList());
            }
        }
        return kinds;
    }

    public boolean on(Kind kind) {
        return enabled.contains(kind);
    }

    /** How many times to deliver the next message or tick: once, or 2 to 3 times when duplicates are on (counted). */
    public int deliveries() {
        if (!on(Kind.DUPLICATE)) return 1;
        int times;
        synchronized (random) {
            times = 2 + random.nextInt(2);
        }
        injected.get(Kind.DUPLICATE).addAndGet(times - 1);
        return times;
    }

    public long injected(Kind kind) {
        return injected.get(kind).get();
    }
}
