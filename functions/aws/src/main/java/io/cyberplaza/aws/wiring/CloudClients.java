package io.cyberplaza.aws.wiring;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * AWS SDK clients, created once per container (at init, so SnapStart snapshots them). An endpoint
 * override points them at DynamoDB Local, ElasticMQ or moto for local runs; then the credentials are
 * placeholders those servers ignore. In Lambda the function's role provides credentials.
 */
@Factory
public class CloudClients {

    @Singleton
    DynamoDbClient dynamoDb(@Value("${cyberplaza.aws.region:us-east-1}") String region,
                            @Nullable @Value("${cyberplaza.dynamodb.endpoint:}") String endpoint) {
        var builder = DynamoDbClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(endpoint));
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    @Singleton
    SqsClient sqs(@Value("${cyberplaza.aws.region:us-east-1}") String region,
                  @Nullable @Value("${cyberplaza.sqs.endpoint:}") String endpoint) {
        var builder = SqsClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(endpoint));
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    @Singleton
    SecretsManagerClient secretsManager(@Value("${cyberplaza.aws.region:us-east-1}") String region,
                                        @Nullable @Value("${cyberplaza.secrets.endpoint:}") String endpoint) {
        var builder = SecretsManagerClient.builder().region(Region.of(region)).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials(endpoint));
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(String endpoint) {
        return endpoint != null && !endpoint.isBlank()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }
}
