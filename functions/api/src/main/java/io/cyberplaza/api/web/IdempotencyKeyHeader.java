package io.cyberplaza.api.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** How the Idempotency-Key header is documented wherever it is accepted. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@Parameter(description = "Makes a retry safe: the same key and body return the first response (Idempotent-Replayed: true); "
        + "the same key with another body is refused (422). Keys are the caller's, kept 24 h.",
        schema = @Schema(type = "string", minLength = 1, maxLength = 255, pattern = "^[\\x21-\\x7E]+$", example = "order-7f3a9c"))
public @interface IdempotencyKeyHeader {
}
