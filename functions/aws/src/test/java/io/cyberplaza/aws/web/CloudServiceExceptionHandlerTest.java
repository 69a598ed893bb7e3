package io.cyberplaza.aws.web;

import io.cyberplaza.api.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.assertj.core.api.Assertions.assertThat;

class CloudServiceExceptionHandlerTest {
    private final CloudServiceExceptionHandler handler = new CloudServiceExceptionHandler();
    private final HttpRequest<?> request = HttpRequest.POST("/quotes", "{}");

    @Test
    void aDynamoDbErrorThatOutlastedTheRetriesIsAnOutageWithRetryAfterNotAServerFault() {
        // Found by the soak: with the SDK's retry budget spent in a storm, a 500 from DynamoDB reached buyers as a 500.
        HttpResponse<Problem> failed = handler.handle(request, (DynamoDbException) DynamoDbException.builder().statusCode(500)
                .message("Internal server error").build());
        assertThat(failed.code()).isEqualTo(503);
        assertThat(failed.getHeaders().get("Retry-After")).isEqualTo("5");
        assertThat(failed.body().type()).endsWith("/service-unavailable");

        HttpResponse<Problem> unreachable = handler.handle(request, SdkClientException.create("Unable to execute HTTP request"));
        assertThat(unreachable.code()).isEqualTo(503);
    }

    @Test
    void aRequestTheServiceRefusesAsMalformedIsStillTheServersOwnFault() {
        HttpResponse<Problem> refused = handler.handle(request, (DynamoDbException) DynamoDbException.builder().statusCode(400)
                .message("One or more parameter values were invalid").build());
        assertThat(refused.code()).isEqualTo(500);
        assertThat(refused.body().type()).endsWith("/internal-error");
        assertThat(refused.body().detail()).doesNotContain("parameter values");
    }
}
