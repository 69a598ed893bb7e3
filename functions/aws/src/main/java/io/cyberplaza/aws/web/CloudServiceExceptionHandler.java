package io.cyberplaza.aws.web;

import io.cyberplaza.api.problem.Problem;
import io.cyberplaza.core.error.ErrorType;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * A DynamoDB or SQS call that kept failing through the SDK's retries (a throttling storm, a 5xx
 * burst, the endpoint unreachable, or the retry budget spent) is the service's outage, not a bug of
 * the request: 503 {@code service-unavailable} with Retry-After. Anything else the SDK refuses is
 * the platform's own fault and stays a 500.
 */
@Singleton
public final class CloudServiceExceptionHandler implements ExceptionHandler<SdkException, HttpResponse<Problem>> {
    private static final Logger log = LoggerFactory.getLogger(CloudServiceExceptionHandler.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, SdkException exception) {
        if (isOutage(exception)) {
            log.warn("{} {}: a cloud service did not answer through its retries: {}", request.getMethod(), request.getPath(), exception.getMessage());
            ErrorType type = ErrorType.SERVICE_UNAVAILABLE;
            HttpStatus status = HttpStatus.valueOf(type.httpStatus());
            return Problem.respond(HttpResponse.<Problem>status(status).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS),
                    Problem.of(type.slug(), status, "a service the platform depends on is failing or throttling just now; retry shortly",
                            request.getPath()));
        }
        log.error("{} {} failed", request.getMethod(), request.getPath(), exception);
        return Problem.respond(HttpResponse.<Problem>status(HttpStatus.INTERNAL_SERVER_ERROR), Problem.of("internal-error",
                HttpStatus.INTERNAL_SERVER_ERROR, "The server could not complete the request. It has been logged; please try again later.",
                request.getPath()));
    }

    static boolean isOutage(SdkException exception) {
        if (exception instanceof SdkServiceException service) return service.isThrottlingException() || service.statusCode() >= 500;
        return exception instanceof SdkClientException;
    }
}
