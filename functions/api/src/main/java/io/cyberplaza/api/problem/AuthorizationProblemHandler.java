package io.cyberplaza.api.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/** A missing or bad token is 401, a token without the right is 403; both as problem+json. */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public final class AuthorizationProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        if (exception.isForbidden()) {
            return Problem.respond(HttpResponse.status(HttpStatus.FORBIDDEN), Problem.of("forbidden", HttpStatus.FORBIDDEN,
                    "This account may not do that.", request.getPath()));
        }
        return Problem.respond(HttpResponse.status(HttpStatus.UNAUTHORIZED), Problem.of("unauthorized", HttpStatus.UNAUTHORIZED,
                "Sign in first: send the token from POST /auth/login as 'Authorization: Bearer <token>'.", request.getPath()))
                .header("WWW-Authenticate", "Bearer");
    }
}
