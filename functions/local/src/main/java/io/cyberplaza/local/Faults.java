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
 * Faults the local stack injects while a soak runs, each kind switchable and counted:
 * <ul>
 *   <li>{@code duplicate}: every queue message and schedule tick delivered 2 or 3 times, as SQS and
 *       EventBridge may (at-least-once delivery, a tick that overlaps the previous one);</li>
 *   <li>{@code kill}: the functions' process killed with SIGKILL at random moments and started again;</li>
 *   <li>{@code reorg}: the chain's latest block replaced by another (shallower than the confirmations
 *       the functions wait for), some buyers' deposits dropped on the way;</li>
 *   <li>{@code throttle}: storms of throttling errors and 5xx from DynamoDB and EC2, and the RPC node
 *       unreachable for seconds.</li>
 * </ul>
 */
public final class Faults {
    public enum Kind {
        DUPLICATE, KILL, REORG, THROTTLE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Faults NONE = new Faults(EnumSet.noneOf(Kind.class), 0);

    private final Set<Kind> enabled;
    private final Random random;
    private final long seed;
    private final Map<Kind, AtomicLong> injected = new EnumMap<>(Kind.class);

    public Faults(Set<Kind> enabled, long seed) {
        this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(enabled);
        this.random = new Random(seed);
        this.seed = seed;
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

    /** A random whole number below {@code bound}, from the soak's seed. */
    public int nextInt(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    public long seed() {
        return seed;
    }

    /** Counts one fault of this kind as injected. */
    public void injectedOne(Kind kind) {
        injected.get(kind).incrementAndGet();
    }

    public long injected(Kind kind) {
        return injected.get(kind).get();
    }
}
