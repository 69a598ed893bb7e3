package io.cyberplaza.aws.wiring;

import io.cyberplaza.aws.metrics.EmfMetrics;
import io.cyberplaza.aws.secrets.SecretsManagerSecretStore;
import io.cyberplaza.chain.ChainEscrowSettler;
import io.cyberplaza.chain.ChainPermitNonces;
import io.cyberplaza.chain.TransactionSender;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.auth.LoginNonces;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.cyberplaza.core.escrow.PermitNonces;
import io.cyberplaza.core.metrics.MeasuredOrderRepository;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.pricing.PriceRepository;
import io.cyberplaza.core.pricing.PricingRounds;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.cyberplaza.queue.sqs.QueueNames;
import io.cyberplaza.queue.sqs.SqsWorkQueue;
import io.cyberplaza.store.dynamodb.DynamoStores;
import io.cyberplaza.store.dynamodb.TableNames;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;

import java.time.Clock;
import java.util.UUID;

/** The core's ports, bound to DynamoDB, SQS, the chain and the provisioners, from configuration. */
@Factory
public class Adapters {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    DynamoStores stores(DynamoDbClient dynamo, @Value("${cyberplaza.dynamodb.table-prefix:cyberplaza-local-}") String prefix) {
        return new DynamoStores(dynamo, new TableNames(prefix));
    }

    /** CloudWatch embedded metrics unless the deployment names another form (the local runner: Prometheus). */
    @Singleton
    @Requires(property = "cyberplaza.metrics.format", value = "emf", defaultValue = "emf")
    Metrics metrics(@Value("${cyberplaza.environment:local}") String environment) {
        return new EmfMetrics(new LambdaEnvironment(), environment);
    }

    @Singleton
    OrderRepository orders(DynamoStores stores, Metrics metrics) {
        return new MeasuredOrderRepository(stores.orders(), metrics);
    }

    @Singleton
    QuoteRepository quotes(DynamoStores stores) {
        return stores.quotes();
    }

    @Singleton
    DepositLedger deposits(DynamoStores stores) {
        return stores.deposits();
    }

    @Singleton
    ChainCursorStore cursors(DynamoStores stores) {
        return stores.cursors();
    }

    @Singleton
    SettlementRepository settlements(DynamoStores stores) {
        return stores.settlements();
    }

    @Singleton
    TransactionOutbox outbox(DynamoStores stores) {
        return stores.outbox();
    }

    @Singleton
    AccountRepository accounts(DynamoStores stores) {
        return stores.accounts();
    }

    @Singleton
    IdempotencyStore idempotency(DynamoStores stores) {
        return stores.idempotency();
    }

    @Singleton
    RequestCounter requestCounter(DynamoStores stores) {
        return stores.requestCounter();
    }

    @Singleton
    LoginNonces loginNonces(DynamoStores stores) {
        return stores.loginNonces();
    }

    @Singleton
    WorkQueue workQueue(SqsClient sqs, @Value("${cyberplaza.sqs.queue-prefix:cyberplaza-local-}") String prefix) {
        return new SqsWorkQueue(sqs, new QueueNames(prefix));
    }

    @Singleton
    ListingRepository listings(DynamoStores stores) {
        return stores.listings();
    }

    @Singleton
    CapacityLedger capacity(DynamoStores stores) {
        return stores.capacity();
    }

    @Singleton
    ProviderRepository providers(DynamoStores stores) {
        return stores.providers();
    }

    @Bean(preDestroy = "shutdown")
    @Singleton
    Web3j web3j(@Value("${cyberplaza.chain.rpc-url}") String rpcUrl) {
        return Web3j.build(new HttpService(rpcUrl));
    }

    @Singleton
    EscrowInfo escrowInfo(@Value("${cyberplaza.chain.chain-id}") long chainId,
                          @Value("${cyberplaza.chain.escrow}") String escrow,
                          @Value("${cyberplaza.chain.token}") String token,
                          @Value("${cyberplaza.chain.token-name:USD Coin}") String tokenName,
                          @Value("${cyberplaza.chain.token-version:2}") String tokenVersion) {
        return new EscrowInfo(chainId, escrow.toLowerCase(), token.toLowerCase(), tokenName, tokenVersion);
    }

    @Singleton
    PermitNonces permitNonces(Web3j web3j, EscrowInfo escrow) {
        return new ChainPermitNonces(web3j, escrow.token());
    }

    /** Secrets Manager unless the deployment names another store (the local runner uses a file). */
    @Singleton
    @Requires(property = "cyberplaza.secrets.store", value = "aws-secrets-manager", defaultValue = "aws-secrets-manager")
    SecretStore secrets(SecretsManagerClient client, @Value("${cyberplaza.secrets.prefix:}") String prefix) {
        return new SecretsManagerSecretStore(client, prefix);
    }

    @Singleton
    TransactionSender settlementSender(Web3j web3j, EscrowInfo escrow, TransactionOutbox outbox, Clock clock, SecretStore secrets) {
        Credentials settler = Credentials.create(secrets.get(SecretStore.SETTLER_KEY));
        // Each container is its own worker: the nonce lease tells concurrent containers apart.
        return new TransactionSender(web3j, settler, escrow.chainId(), outbox,
                TransactionSender.Settings.defaults(), clock, "settler-" + UUID.randomUUID());
    }

    @Singleton
    EscrowSettler escrowSettler(Web3j web3j, TransactionSender sender, TransactionOutbox outbox, EscrowInfo escrow) {
        return new ChainEscrowSettler(web3j, sender, outbox, escrow.escrow());
    }

    @Singleton
    InstanceRepository instances(DynamoStores stores) {
        return stores.instances();
    }

    @Singleton
    WebhookReceipts webhookReceipts(DynamoStores stores) {
        return stores.webhookReceipts();
    }

    @Singleton
    PriceRepository prices(DynamoStores stores) {
        return stores.prices();
    }

    @Singleton
    PricingRounds pricingRounds(DynamoStores stores) {
        return stores.pricingRounds();
    }
}
