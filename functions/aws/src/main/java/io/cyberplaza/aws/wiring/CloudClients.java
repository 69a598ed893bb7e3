package io.cyberplaza.aws.wiring;

import io.cyberplaza.runtime.wiring.CloudEnvironments;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;

/**
 * AWS SDK clients, created once per container (at init, so SnapStart snapshots them). An endpoint
 * override points them at DynamoDB Local, ElasticMQ or moto for local runs; then the credentials are
 * placeholders those servers ignore. In Lambda the function's role provides credentials.
 */
@Factory
@Requires(notEnv = {CloudEnvironments.AZURE, CloudEnvironments.GCP})
public class CloudClients {

    @Singleton
    DynamoDbClient dynamoDb(@Value("${cyberplaza.aws.region:us-east-1}") String region,
                            @Nullable @Value("${cyberplaza.dynamodb.endpoint:}") String endpoint) {
        return build(DynamoDbClient.builder(), region, endpoint);
    }

    @Singleton
    SqsClient sqs(@Value("${cyberplaza.aws.region:us-east-1}") String region,
                  @Nullable @Value("${cyberplaza.sqs.endpoint:}") String endpoint) {
        return build(SqsClient.builder(), region, endpoint);
    }

    @Singleton
    SecretsManagerClient secretsManager(@Value("${cyberplaza.aws.region:us-east-1}") String region,
                                        @Nullable @Value("${cyberplaza.secrets.endpoint:}") String endpoint) {
        return build(SecretsManagerClient.builder(), region, endpoint);
    }

    @Singleton
    KmsClient kms(@Value("${cyberplaza.aws.region:us-east-1}") String region,
                  @Nullable @Value("${cyberplaza.kms.endpoint:}") String endpoint) {
        return build(KmsClient.builder(), region, endpoint);
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder, String region,
                                                                                              String endpoint) {
        builder.region(Region.of(region)).httpClient(UrlConnectionHttpClient.create()).credentialsProvider(credentials(endpoint));
        if (endpoint != null && !endpoint.isBlank()) builder.endpointOverride(URI.create(endpoint));
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(String endpoint) {
        return endpoint != null && !endpoint.isBlank()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))
                : DefaultCredentialsProvider.builder().build();
    }
}
