package io.cyberplaza.local.crash;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Kills a function at a chosen point between two of its steps: the ports the functions write
 * through are wrapped (see {@link CrashingPorts}), and the armed point throws a
 * {@link SimulatedCrash} just before or just after the matching call reaches the real store, once.
 */
@Singleton
@Requires(property = CrashPoints.ENABLED, value = "true")
public final class CrashPoints {
    public static final String ENABLED = "cyberplaza.test.crash-points";

    public enum When { BEFORE, AFTER }

    /** A call of {@code method} on {@code port} whose arguments satisfy {@code matches}. */
    public record Point(String name, Class<?> port, String method, When when, Predicate<Object[]> matches) {
        public static Point after(String name, Class<?> port, String method, Predicate<Object[]> matches) {
            return new Point(name, port, method, When.AFTER, matches);
        }

        public static Point before(String name, Class<?> port, String method, Predicate<Object[]> matches) {
            return new Point(name, port, method, When.BEFORE, matches);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private final AtomicReference<Point> armed = new AtomicReference<>();
    private final AtomicInteger fired = new AtomicInteger();

    public void arm(Point point) {
        fired.set(0);
        armed.set(Objects.requireNonNull(point));
    }

    public void disarm() {
        armed.set(null);
    }

    public int fired() {
        return fired.get();
    }

    <T> T wrap(Class<T> port, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            Object[] arguments = args == null ? new Object[0] : args;
            Point point = armed.get();
            boolean hit = point != null && point.port() == port && point.method().equals(method.getName())
                    && point.matches().test(arguments);
            if (hit && point.when() == When.BEFORE && armed.compareAndSet(point, null)) crash(point);
            Object result;
            try {
                result = method.invoke(target, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (hit && point.when() == When.AFTER && armed.compareAndSet(point, null)) crash(point);
            return result;
        };
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, handler));
    }

    private void crash(Point point) {
        fired.incrementAndGet();
        throw new SimulatedCrash(point.name());
    }
}
