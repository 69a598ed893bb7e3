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
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.ratelimit.RequestCounter;
import io.cyberplaza.core.quote.QuoteRepository;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.cyberplaza.core.vendor.WebhookReceipts;
import io.cyberplaza.provisioner.Provisioner;
import io.cyberplaza.provisioner.aws.Ec2Provisioner;
import io.cyberplaza.provisioner.aws.Ec2Settings;
import io.cyberplaza.provisioner.resilience.ResilientProvisioner;
import io.cyberplaza.provisioner.resilience.VendorPolicy;
import io.cyberplaza.provisioner.local.ApplicationCatalog;
import io.cyberplaza.provisioner.local.LocalProcessProvisioner;
import io.cyberplaza.queue.sqs.QueueNames;
import io.cyberplaza.queue.sqs.SqsWorkQueue;
import io.cyberplaza.store.dynamodb.DynamoStores;
import io.cyberplaza.store.dynamodb.TableNames;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * The local provider always; EC2 when the deployment enables it, behind the resilience layer with
     * EC2's documented request budgets. Subnets are "zone=subnet-id" pairs of the platform's VPC.
     * SDK interceptors registered as beans are added to the EC2 client (none in a deployment; the
     * local stack's fault tests add one).
     */
    @Singleton
    Provisioners provisioners(Clock clock,
                              @Value("${cyberplaza.provisioners.local-process.root:/tmp/cyberplaza/local-process}") String root,
                              @Value("${cyberplaza.environment:local}") String environment,
                              @Value("${cyberplaza.aws.region:us-east-1}") String region,
                              @Value("${cyberplaza.provisioners.aws-ec2.enabled:false}") boolean ec2Enabled,
                              @Value("${cyberplaza.provisioners.aws-ec2.regions:}") @Nullable List<String> ec2Regions,
                              @Value("${cyberplaza.provisioners.aws-ec2.subnets:}") @Nullable List<String> ec2Subnets,
                              @Value("${cyberplaza.provisioners.aws-ec2.endpoint:}") @Nullable String ec2Endpoint,
                              @Value("${cyberplaza.provisioners.aws-ec2.call-timeout:30s}") Duration ec2CallTimeout,
                              @Value("${cyberplaza.provisioners.aws-ec2.first-backoff:500ms}") Duration ec2FirstBackoff,
                              @Value("${cyberplaza.provisioners.aws-ec2.breaker-open-for:30s}") Duration ec2BreakerOpenFor,
                              List<ExecutionInterceptor> ec2Interceptors) {
        List<Provisioner> provisioners = new ArrayList<>();
        provisioners.add(new LocalProcessProvisioner(Path.of(root), ApplicationCatalog.standard(), clock));
        if (ec2Enabled) {
            Map<String, String> subnets = new HashMap<>();
            for (String pair : ec2Subnets == null ? List.<String>of() : ec2Subnets) {
                String[] zoneAndSubnet = pair.split("=", 2);
                if (zoneAndSubnet.length != 2) throw new IllegalArgumentException("an EC2 subnet is zone=subnet-id, not " + pair);
                subnets.put(zoneAndSubnet[0].trim(), zoneAndSubnet[1].trim());
            }
            List<String> regions = ec2Regions == null || ec2Regions.isEmpty() ? List.of(region) : ec2Regions;
            URI endpoint = ec2Endpoint == null || ec2Endpoint.isBlank() ? null : URI.create(ec2Endpoint);
            VendorPolicy policy = VendorPolicy.ec2().withTiming(ec2CallTimeout, ec2FirstBackoff, Duration.ofSeconds(20), ec2BreakerOpenFor);
            provisioners.add(new ResilientProvisioner(new Ec2Provisioner(new Ec2Settings(environment, regions, subnets, endpoint,
                    ec2Interceptors)), policy));
        }
        return new Provisioners(provisioners);
    }
}
