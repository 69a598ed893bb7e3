package io.cyberplaza.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.aws.handler.EscrowWatcherHandler;
import io.cyberplaza.aws.handler.GroupBuyHandler;
import io.cyberplaza.aws.handler.MeterHandler;
import io.cyberplaza.aws.handler.PricingOracleHandler;
import io.cyberplaza.aws.handler.ProvisionHandler;
import io.cyberplaza.aws.handler.ReconcilerHandler;
import io.cyberplaza.aws.handler.SettleHandler;

import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.api.catalog.JsonOfferCatalog;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.local.secrets.FileSecretStore;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.local.LocalProcessProvisioner;
import io.cyberplaza.queue.sqs.EmbeddedSqs;
import io.cyberplaza.queue.sqs.QueueNames;
import io.cyberplaza.queue.sqs.SqsQueues;
import io.cyberplaza.store.dynamodb.DynamoDbLocalServer;
import io.cyberplaza.store.dynamodb.TableDefinitions;
import io.cyberplaza.store.dynamodb.TableNames;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.testing.MotoServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole marketplace in this process, every server on a free 127.0.0.1 port: a Hardhat node with
 * the contracts deployed, DynamoDB Local, ElasticMQ, the HTTP API, and the AWS handlers driven the
 * way Lambda would drive them (schedules, SQS pollers). {@link #close} stops all of it.
 */
public final class LocalMarketplace implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalMarketplace.class);
    private static final String PREFIX = "cyberplaza-local-";
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    private static final Duration METER_EVERY = Duration.ofSeconds(2);
    private static final Duration GROUP_BUY_EVERY = Duration.ofSeconds(2);
    private static final Duration RECONCILE_EVERY = Duration.ofMinutes(1);
    private static final Duration PRICE_EVERY = Duration.ofMinutes(5);
    private static final Duration PEG_HEARTBEAT = Duration.ofHours(12);

    /**
     * @param drive      run the schedules and queue pollers (the runner), or leave every trigger to the
     *                   caller (tests that deliver events one by one, twice, or not at all)
     * @param properties configuration on top of the local defaults
     * @param beans      extra beans for the functions (tests add an EC2 fault injector)
     */
    public record Options(boolean drive, Map<String, Object> properties, List<Object> beans, Faults faults) {
        public Options(boolean drive, Map<String, Object> properties) {
            this(drive, properties, List.of(), Faults.NONE);
        }

        public Options(boolean drive, Map<String, Object> properties, List<Object> beans) {
            this(drive, properties, beans, Faults.NONE);
        }

        /** The same stack with these faults injected into its triggers. */
        public Options withFaults(Faults injected) {
            return new Options(drive, properties, beans, injected);
        }

        public static Options runner() {
            return new Options(true, Map.of());
        }

        /**
         * The runner with the rate limit lifted, for tools that load or fuzz the API (the limit has
         * its own tests; here it would only turn their requests into 429s). Requests are still counted.
         */
        public static Options unthrottled() {
            return new Options(true, Map.of("cyberplaza.api.rate-limit.per-identity", 100_000_000,
                    "cyberplaza.api.rate-limit.per-address", 100_000_000));
        }
    }

    /** What a client needs to use the stack. {@code faucet} is a URL accepting POST {address, amount}. */
    public record Info(String api, String rpc, long chainId, String escrow, String usdc, String faucet) {
    }

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<SqsPoller> pollers = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private Faults faults = Faults.NONE;
    private Info info;
    private LocalProcessProvisioner provisioner;
    private HardhatNode node;
    private EscrowDeployer deployer;
    private EscrowDeployer.Deployment deployment;
    private ApplicationContext context;
    private SqsClient sqsClient;
    private QueueNames queues;
    private EscrowWatcherHandler watcher;
    private GroupBuyHandler groupBuy;
    private MeterHandler meter;
    private ProvisionHandler provision;
    private SettleHandler settle;
    private ReconcilerHandler reconciler;
    private PricingOracleHandler pricing;
    private LocalChain chain;
    private MotoServer moto;
    private Path secretsFile;
    private Map<String, Object> configuration = Map.of();

    private LocalMarketplace() {
    }

    public static LocalMarketplace start(Path repoRoot, Path stateDir) throws Exception {
        return start(repoRoot, stateDir, Options.runner());
    }

    public static LocalMarketplace start(Path repoRoot, Path stateDir, Options options) throws Exception {
        LocalMarketplace stack = new LocalMarketplace();
        try {
            stack.startAll(repoRoot, stateDir, options);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Path repoRoot, Path stateDir, Options options) throws Exception {
        faults = options.faults();
        Files.createDirectories(stateDir);
        chain = LocalChain.start(repoRoot.resolve("contracts"), stateDir.resolve("hardhat-node.log"), options.drive());
        resources.add(chain);
        node = chain.node();
        deployer = chain.deployer();
        deployment = chain.deployment();

        DynamoDbLocalServer dynamo = DynamoDbLocalServer.start();
        resources.add(dynamo);
        try (DynamoDbClient admin = DynamoDbClient.builder().endpointOverride(dynamo.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            TableDefinitions.load().createMissing(admin, new TableNames(PREFIX));
        }

        // The platform's EC2 account: cloud offers launch instances in moto's EC2, in the default VPC's subnets.
        moto = MotoServer.start(stateDir.resolve("moto.log"));
        resources.add(moto);
        List<String> ec2Subnets;
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build()) {
            ec2Subnets = ec2.describeSubnets().subnets().stream().map(subnet -> subnet.availabilityZone() + "=" + subnet.subnetId())
                    .sorted().toList();
        }

        EmbeddedSqs sqs = EmbeddedSqs.start();
        resources.add(sqs);
        sqsClient = sqs.client();
        resources.add(sqsClient);
        queues = new QueueNames(PREFIX);
        SqsQueues.createMissing(sqsClient, queues);

        int apiPort = freePort();
        String api = "http://127.0.0.1:" + apiPort;
        Path work = stateDir.resolve("local-process");
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", apiPort);
        properties.put("cyberplaza.environment", "local");
        properties.put("cyberplaza.metrics.format", "prometheus");
        // Secrets in an owner-only file, as the cloud functions have them in their secret store; the
        // session key is new at every start.
        Path secrets = stateDir.resolve("secrets.json");
        FileSecretStore.write(secrets, Map.of(
                SecretStore.JWT_SIGNING_KEY, randomSecret(),
                SecretStore.SETTLER_KEY, DevAccounts.SETTLER.getEcKeyPair().getPrivateKey().toString(16),
                SecretStore.GUARDIAN_KEY, DevAccounts.GUARDIAN.getEcKeyPair().getPrivateKey().toString(16),
                SecretStore.ARBITER_KEY, DevAccounts.ARBITER.getEcKeyPair().getPrivateKey().toString(16),
                SecretStore.AWS_WEBHOOK_KEY, randomSecret(),
                SecretStore.AZURE_WEBHOOK_KEY, randomSecret(),
                SecretStore.COUPON_WEBHOOK_KEY, randomSecret(),
                SecretStore.COUPON_FINGERPRINT_KEY, randomSecret(),
                // The local key that wraps coupon codes' data keys, as KMS does in the cloud.
                SecretStore.COUPON_CODE_KEY, randomKey()));
        secretsFile = secrets;
        properties.put("cyberplaza.secrets.store", "file");
        properties.put("cyberplaza.secrets.file", secrets.toString());
        properties.put("cyberplaza.api.domains", List.of("127.0.0.1:" + apiPort, "localhost:" + apiPort));
        properties.put("cyberplaza.api.uri", api);
        properties.put("cyberplaza.auth.first-operator", DevAccounts.ADMIN.getAddress());
        // The browsable API page (GET /docs) and its scripts.
        properties.put("micronaut.router.static-resources.swagger-ui.paths", ApiDocsPage.SWAGGER_UI);
        properties.put("micronaut.router.static-resources.swagger-ui.mapping", "/docs/swagger-ui/**");
        properties.put("micronaut.security.intercept-url-map[0].pattern", "/docs/swagger-ui/**");
        properties.put("micronaut.security.intercept-url-map[0].access", List.of("isAnonymous()"));
        properties.put("cyberplaza.dynamodb.endpoint", dynamo.endpoint().toString());
        properties.put("cyberplaza.dynamodb.table-prefix", PREFIX);
        properties.put("cyberplaza.sqs.endpoint", sqs.endpoint().toString());
        properties.put("cyberplaza.sqs.queue-prefix", PREFIX);
        properties.putAll(chain.configuration());
        properties.put("cyberplaza.provisioners.local-process.root", work.toString());
        properties.put("cyberplaza.provisioners.aws-ec2.enabled", true);
        properties.put("cyberplaza.provisioners.aws-ec2.endpoint", moto.endpoint().toString());
        properties.put("cyberplaza.provisioners.aws-ec2.regions", List.of("us-east-1"));
        properties.put("cyberplaza.provisioners.aws-ec2.subnets", ec2Subnets);
        properties.put("cyberplaza.reconciler.grace", "2m");
        // No vendor price list is reachable here: the providers' offers are the one source.
        properties.put("cyberplaza.pricing.min-sources", 1);
        properties.putAll(options.properties());
        configuration = Map.copyOf(properties);

        context = ApplicationContext.builder().environments("local").properties(properties)
                .singletons(chain.faucet()).singletons(options.beans().toArray()).start();
        resources.add(context);
        CatalogSeed.plant(JsonOfferCatalog.bundled(context.getBean(ObjectMapper.class)),
                context.getBean(ListingRepository.class), context.getBean(ProviderRepository.class),
                context.getBean(AccountRepository.class), Instant.now());
        context.getBean(EmbeddedServer.class).start();

        watcher = new EscrowWatcherHandler(context);
        meter = new MeterHandler(context);
        provision = new ProvisionHandler(context);
        settle = new SettleHandler(context);
        reconciler = new ReconcilerHandler(context);
        pricing = new PricingOracleHandler(context);
        groupBuy = new GroupBuyHandler(context);
        // One round before anyone can ask for a quote: quoting waits for a reading of the peg.
        pricing.execute(scheduled("cyberplaza-pricing-oracle"));
        provisioner = (LocalProcessProvisioner) context.getBean(Provisioners.class)
                .forKind(LocalProcessProvisioner.KIND);
        info = new Info(api, node.rpcUrl(), HardhatNode.CHAIN_ID, deployment.escrow(), deployment.usdc(), api + "/local/faucet");
        log.info("API at {}, browsable at {}/docs", api, api);
        if (!options.drive()) return;
        scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("schedule-", 0).daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> runQuietly("escrow-watcher", () -> watcher.execute(scheduled("cyberplaza-escrow-watcher"))),
                0, WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> runQuietly("meter", () -> meter.execute(scheduled("cyberplaza-meter"))),
                METER_EVERY.toMillis(), METER_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> runQuietly("group-buy", () -> groupBuy.execute(scheduled("cyberplaza-group-buy"))),
                GROUP_BUY_EVERY.toMillis(), GROUP_BUY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> runQuietly("reconciler", () -> reconciler.execute(scheduled("cyberplaza-reconciler"))),
                RECONCILE_EVERY.toMillis(), RECONCILE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> runQuietly("pricing-oracle", () -> pricing.execute(scheduled("cyberplaza-pricing-oracle"))),
                PRICE_EVERY.toMillis(), PRICE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        // The feed's own heartbeat, as Chainlink answers at least daily: a stack left running keeps quoting.
        scheduler.scheduleWithFixedDelay(() -> runQuietly("usdc-usd-feed", chain::reaffirmPeg),
                PEG_HEARTBEAT.toMillis(), PEG_HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        startPoller(sqsClient, queues, WorkQueue.Topic.PROVISION, provision::execute);
        startPoller(sqsClient, queues, WorkQueue.Topic.SETTLE, settle::execute);
    }

    private void startPoller(SqsClient sqs, QueueNames queues, WorkQueue.Topic topic,
                             java.util.function.Function<com.amazonaws.services.lambda.runtime.events.SQSEvent,
                                     com.amazonaws.services.lambda.runtime.events.SQSBatchResponse> handler) {
        String url = sqs.getQueueUrl(r -> r.queueName(queues.of(topic))).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        SqsPoller poller = new SqsPoller(sqs, url, arn, handler, faults);
        pollers.add(poller);
        Thread.ofPlatform().name("sqs-" + topic.name().toLowerCase()).daemon().start(poller);
    }

    /** The event an EventBridge schedule hands its function, for the named rule. */
    public static ScheduledEvent scheduled(String rule) {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setResources(List.of("arn:aws:events:us-east-1:000000000000:rule/" + rule));
        return event;
    }

    private void runQuietly(String name, Runnable job) {
        int deliveries = faults.deliveries();
        if (deliveries == 1) {
            runOnce(name, job);
            return;
        }
        // Overlapping ticks, as a schedule whose previous run has not finished delivers them.
        List<Thread> runs = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) runs.add(Thread.ofVirtual().start(() -> runOnce(name, job)));
        for (Thread run : runs) {
            try {
                run.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void runOnce(String name, Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            log.warn("{} run failed (it runs again shortly): {}", name, e.toString());
        }
    }

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public Info info() {
        return info;
    }

    /** The configuration the functions run with: what another process needs to act as one of them. */
    public Map<String, Object> configuration() {
        return configuration;
    }

    // What tests that deliver triggers themselves need.

    public HardhatNode node() {
        return node;
    }

    public LocalChain chain() {
        return chain;
    }

    public EscrowDeployer deployer() {
        return deployer;
    }

    public EscrowDeployer.Deployment deployment() {
        return deployment;
    }

    public ApplicationContext context() {
        return context;
    }

    public EscrowWatcherHandler watcher() {
        return watcher;
    }

    public GroupBuyHandler groupBuy() {
        return groupBuy;
    }

    public MeterHandler meter() {
        return meter;
    }

    public ProvisionHandler provisionHandler() {
        return provision;
    }

    public SettleHandler settleHandler() {
        return settle;
    }

    public ReconcilerHandler reconcilerHandler() {
        return reconciler;
    }

    public PricingOracleHandler pricingHandler() {
        return pricing;
    }

    /** moto's endpoint: the EC2 account cloud offers launch in. */
    public java.net.URI ec2Endpoint() {
        return moto.endpoint();
    }

    /** A secret the functions hold (the webhook keys a vendor stand-in must present). */
    public String secret(String name) {
        return new FileSecretStore(secretsFile).get(name);
    }

    public LocalProcessProvisioner provisioner() {
        return provisioner;
    }

    /** Receives what is waiting on a topic's queue, without deleting it. */
    public List<software.amazon.awssdk.services.sqs.model.Message> receive(WorkQueue.Topic topic) {
        String url = sqsClient.getQueueUrl(r -> r.queueName(queues.of(topic))).queueUrl();
        return sqsClient.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(0))
                .messages();
    }

    /**
     * Delivers what waits on a topic's queue to its handler once, the way the event source mapping
     * does. If the handler dies, its messages stay on the queue and are visible again at once, as
     * they would be once the visibility timeout passed.
     */
    public int deliver(WorkQueue.Topic topic) {
        String url = sqsClient.getQueueUrl(r -> r.queueName(queues.of(topic))).queueUrl();
        SqsPoller poller = new SqsPoller(sqsClient, url, "arn:aws:sqs:us-east-1:000000000000:" + queues.of(topic),
                topic == WorkQueue.Topic.PROVISION ? provision::execute : settle::execute);
        return poller.pollOnce(0, true);
    }

    @Override
    public void close() {
        pollers.forEach(SqsPoller::stop);
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (provisioner != null) {
            for (Resource resource : provisioner.listOwned()) {
                if (resource.status().isActive()) provisioner.stop(resource.resourceId());
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("could not stop {}: {}", resources.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }
}
