package io.cyberplaza.api.problem;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Every error the framework itself answers (unknown route, wrong method, unreadable JSON, a failed
 * validation, an unexpected exception) is answered as problem+json too, with a stable type.
 */
@Primary
@Singleton
@Replaces(ErrorResponseProcessor.class)
public final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        String detail = status.getCode() >= 500
                ? "The server could not complete the request. It has been logged; please try again later."
                : context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        return Problem.respond(response, Problem.of(slug(status), status, detail, context.getRequest().getPath()));
    }

    static String slug(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> "invalid-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            default -> status.getCode() >= 500 ? "internal-error" : "http-" + status.getCode();
        };
    }
}
