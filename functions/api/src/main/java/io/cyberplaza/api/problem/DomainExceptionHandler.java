package io.cyberplaza.api.problem;

import io.cyberplaza.core.error.DomainException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A rule that refused the request: its type and message become the problem's type and detail. */
@Singleton
public final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException exception) {
        HttpStatus status = HttpStatus.valueOf(exception.type().httpStatus());
        return Problem.respond(HttpResponse.status(status),
                Problem.of(exception.type().slug(), status, exception.getMessage(), request.getPath()));
    }
}
