package io.cyberplaza.api.problem;

import io.cyberplaza.core.error.DomainException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A rule that refused the request: its type and message become the problem's type and detail. */
@Singleton
public final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {
    /** Long enough for a node that blinked or a container that restarted, short enough that a client does not give up. */
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        HttpStatus status = HttpStatus.valueOf(exception.type().httpStatus());
        var response = HttpResponse.<Problem>status(status);
        if (exception.type().isTemporary()) response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return Problem.respond(response,
                Problem.of(exception.type().slug(), status, exception.getMessage(), request.getPath()));
    }
}
