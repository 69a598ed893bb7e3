package io.cyberplaza.api.idempotency;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of the POSTs that create something: the same key with the
 * same request returns the first response (marked {@code Idempotent-Replayed: true}); with another
 * request it is refused (422); while the first is still running, 409. A request that fails creates
 * nothing and frees its key. Keys belong to the caller and are kept for a day.
 */
@Singleton
public final class IdempotentCreation {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Longer than the API's own time limit, so a live request never loses its claim. */
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final int MAX_ATTEMPTS = 3;

    private final IdempotencyStore store;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotentCreation(IdempotencyStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    public HttpResponse<?> create(String caller, @Nullable String key, String route, Object request,
                                  Supplier<HttpResponse<?>> action) {
        if (key == null) return action.get();
        if (!VALID_KEY.matcher(key).matches()) {
            throw new DomainException(ErrorType.INVALID_REQUEST, HEADER + " must be 1 to 255 visible ASCII characters");
        }
        String fingerprint = fingerprint(route, request);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            if (store.claim(caller, key, fingerprint, now, now.plus(LEASE), now.plus(RETENTION))) {
                return runHolding(caller, key, action);
            }
            var entry = store.find(caller, key);
            if (entry.isEmpty()) continue; // freed or expired in between: claim again
            if (!entry.get().fingerprint().equals(fingerprint)) {
                throw new DomainException(ErrorType.IDEMPOTENCY_KEY_REUSED,
                        "this " + HEADER + " was used for a different request; use a new key for a new request");
            }
            if (entry.get().status() == IdempotencyStore.Status.IN_PROGRESS) {
                throw new DomainException(ErrorType.IDEMPOTENCY_KEY_IN_USE,
                        "a request with this " + HEADER + " is still being processed; retry shortly");
            }
            return HttpResponse.status(HttpStatus.valueOf(entry.get().httpStatus()))
                    .body(entry.get().body().getBytes(StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(REPLAYED, "true");
        }
        throw new DomainException(ErrorType.IDEMPOTENCY_KEY_IN_USE, "the " + HEADER + " is contended; retry shortly");
    }

    private HttpResponse<?> runHolding(String caller, String key, Supplier<HttpResponse<?>> action) {
        HttpResponse<?> response;
        try {
            response = action.get();
        } catch (RuntimeException | Error failed) {
            store.release(caller, key);
            throw failed;
        }
        try {
            String body = response.getBody().isPresent() ? json.writeValueAsString(response.getBody().get()) : "";
            store.complete(caller, key, response.code(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("the response could not be kept for its idempotency key", e);
        }
        return response;
    }

    /** The route and the request's canonical JSON (keys sorted), so field order does not matter. */
    private String fingerprint(String route, Object request) {
        try {
            Object tree = json.readValue(json.writeValueAsBytes(request), Object.class);
            byte[] canonical = json.writeValueAsBytes(sorted(tree));
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(route.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return HexFormat.of().formatHex(sha256.digest(canonical));
        } catch (IOException e) {
            throw new UncheckedIOException("the request could not be fingerprinted", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static Object sorted(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> ordered = new TreeMap<>();
            map.forEach((k, v) -> ordered.put(String.valueOf(k), sorted(v)));
            return ordered;
        }
        if (node instanceof List<?> list) return list.stream().map(IdempotentCreation::sorted).toList();
        return node;
    }
}
