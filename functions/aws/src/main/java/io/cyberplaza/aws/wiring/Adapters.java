package io.cyberplaza.aws.wiring;

import io.cyberplaza.aws.metrics.EmfMetrics;
import io.cyberplaza.aws.secrets.KmsKeyWrapper;
import io.cyberplaza.aws.secrets.SecretsManagerSecretStore;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.secret.KeyWrapper;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.queue.sqs.QueueNames;
import io.cyberplaza.runtime.wiring.CloudEnvironments;
import io.cyberplaza.queue.sqs.SqsWorkQueue;
import io.cyberplaza.store.dynamodb.DynamoStores;
import io.cyberplaza.store.dynamodb.TableNames;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;

/**
 * The AWS side of the core's ports: the stores on DynamoDB, the work queues on SQS, secrets from
 * Secrets Manager, coupon codes' data keys from KMS, metrics as CloudWatch embedded metrics. Everything cloud-neutral is wired by
 * the runtime module.
 */
@Factory
@Requires(notEnv = {CloudEnvironments.AZURE, CloudEnvironments.GCP})
public class Adapters {

    @Singleton
    Stores stores(DynamoDbClient dynamo, @Value("${cyberplaza.dynamodb.table-prefix:cyberplaza-local-}") String prefix) {
        return new DynamoStores(dynamo, new TableNames(prefix));
    }

    /** CloudWatch embedded metrics unless the deployment names another form (the local runner: Prometheus). */
    @Singleton
    @Requires(property = "cyberplaza.metrics.format", value = "emf", defaultValue = "emf")
    Metrics metrics(@Value("${cyberplaza.environment:local}") String environment) {
        return new EmfMetrics(new LambdaEnvironment(), environment);
    }

    @Singleton
    WorkQueue workQueue(SqsClient sqs, @Value("${cyberplaza.sqs.queue-prefix:cyberplaza-local-}") String prefix) {
        return new SqsWorkQueue(sqs, new QueueNames(prefix));
    }

    /**
     * Coupon codes' data keys from KMS when the deployment names the key; without one (the local
     * runner) the key-encryption key comes from the secret store.
     */
    @Singleton
    @Requires(property = "cyberplaza.coupons.kms-key-id")
    KeyWrapper kmsKeyWrapper(KmsClient kms, @Value("${cyberplaza.coupons.kms-key-id}") String keyId) {
        return new KmsKeyWrapper(kms, keyId);
    }

    /** Secrets Manager unless the deployment names another store (the local runner uses a file). */
    @Singleton
    @Requires(property = "cyberplaza.secrets.store", value = "aws-secrets-manager", defaultValue = "aws-secrets-manager")
    SecretStore secrets(SecretsManagerClient client, @Value("${cyberplaza.secrets.prefix:}") String prefix) {
        return new SecretsManagerSecretStore(client, prefix);
    }
}
