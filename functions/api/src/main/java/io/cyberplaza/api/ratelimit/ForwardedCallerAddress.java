package io.cyberplaza.api.ratelimit;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's address where the API serves HTTP itself ({@code forwarded-hops} 0: the socket's peer)
 * or behind a front end that appends the address it saw to {@code X-Forwarded-For} (Azure Functions'
 * and Google's front ends: {@code forwarded-hops} 1). Only the entries the deployment's own front ends
 * appended are trusted, counted from the right: whatever a caller put in the header itself comes
 * before them and is ignored.
 */
@Singleton
public class ForwardedCallerAddress implements CallerAddress {
    protected static final String UNKNOWN = "unknown";

    private final int forwardedHops;

    public ForwardedCallerAddress(@Value("${cyberplaza.api.forwarded-hops:0}") int forwardedHops) {
        if (forwardedHops < 0) throw new IllegalArgumentException("cyberplaza.api.forwarded-hops is 0 or more");
        this.forwardedHops = forwardedHops;
    }

    @Override
    public String of(HttpRequest<?> request) {
        if (forwardedHops == 0) return peer(request);
        List<String> forwarded = new ArrayList<>();
        for (String header : request.getHeaders().getAll("X-Forwarded-For")) {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) forwarded.add(entry.trim());
            }
        }
        if (forwarded.size() < forwardedHops) return UNKNOWN;
        return withoutPort(forwarded.get(forwarded.size() - forwardedHops));
    }

    private static String peer(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) return UNKNOWN;
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    /** Azure's front end writes {@code address:port}; an IPv6 address with a port is bracketed. */
    static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close > 0 ? entry.substring(1, close) : entry;
        }
        int colon = entry.indexOf(':');
        return colon > 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }
}
