package io.cyberplaza.api.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of error, so clients can
 * branch on it; {@code detail} is written for people and never carries internals.
 */
@Serdeable
public record Problem(String type, String title, int status, String detail, @Nullable String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://cyberplaza.io/problems/";

    public static Problem of(String slug, HttpStatus status, String detail, String instance) {
        return new Problem(TYPE_BASE + slug, status.getReason(), status.getCode(), detail, instance);
    }

    public static <T> MutableHttpResponse<Problem> respond(MutableHttpResponse<T> response, Problem problem) {
        return response.status(problem.status()).body(problem).contentType(MEDIA_TYPE);
    }
}
