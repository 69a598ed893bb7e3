package io.cyberplaza.api.problem;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of error, so clients can
 * branch on it; {@code detail} is written for people and never carries internals.
 */
@Serdeable
@Schema(name = "Problem", description = "RFC 9457 problem details. Branch on type; detail is for people.")
public record Problem(
        @Schema(description = "Stable URI of the kind of error", example = "https://cyberplaza.io/problems/invalid-request") String type,
        @Schema(description = "The HTTP status's reason", example = "Bad Request") String title,
        @Schema(description = "The HTTP status", example = "400") int status,
        @Schema(description = "What went wrong, for people", example = "units must be between 1 and 4") String detail,
        @Schema(description = "The request path", example = "/quotes") @Nullable String instance) {
    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://cyberplaza.io/problems/";

    public static Problem of(String slug, HttpStatus status, String detail, String instance) {
        return new Problem(TYPE_BASE + slug, status.getReason(), status.getCode(), detail, instance);
    }

    public static <T> MutableHttpResponse<Problem> respond(MutableHttpResponse<T> response, Problem problem) {
        return response.status(problem.status()).body(problem).contentType(MEDIA_TYPE);
    }
}
