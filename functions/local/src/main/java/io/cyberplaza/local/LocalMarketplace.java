package io.cyberplaza.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.api.catalog.JsonOfferCatalog;
import io.cyberplaza.aws.handler.EscrowWatcherHandler;
import io.cyberplaza.aws.handler.GroupBuyHandler;
import io.cyberplaza.aws.handler.RewardsHandler;
import io.cyberplaza.aws.handler.MeterHandler;
import io.cyberplaza.aws.handler.PricingOracleHandler;
import io.cyberplaza.aws.handler.ProvisionHandler;
import io.cyberplaza.aws.handler.ReconcilerHandler;
import io.cyberplaza.aws.handler.SettleHandler;
import io.cyberplaza.chain.EscrowDeployer;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.secret.SecretStore;
import io.cyberplaza.local.secrets.FileSecretStore;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.aws.Ec2Vendor;
import io.cyberplaza.provisioner.azure.AzureComputeVendor;
import io.cyberplaza.provisioner.local.LocalProcessProvisioner;
import io.cyberplaza.provisioner.slurm.SlurmTokens;
import io.cyberplaza.queue.sqs.EmbeddedSqs;
import io.cyberplaza.queue.sqs.QueueNames;
import io.cyberplaza.queue.sqs.SqsQueues;
import io.cyberplaza.store.dynamodb.DynamoDbLocalServer;
import io.cyberplaza.store.dynamodb.TableDefinitions;
import io.cyberplaza.store.dynamodb.TableNames;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private static final Duration PEG_HEARTBEAT = Duration.ofHours(12);
    /** The node the local faucet mints through: the real one, even when the functions reach it through a faulty path. */
    static final String FAUCET_RPC = "cyberplaza.local.faucet-rpc";

    /**
     * @param drive      run the schedules and queue pollers (the runner), or leave every trigger to the
     *                   caller (tests that deliver events one by one, twice, or not at all)
     * @param properties configuration on top of the local defaults
     * @param beans      extra beans for the functions (tests add an EC2 fault injector)
     */
    public record Options(boolean drive, Map<String, Object> properties, List<Object> beans, Faults faults, boolean ownProcess) {
        public Options(boolean drive, Map<String, Object> properties) {
            this(drive, properties, List.of(), Faults.NONE, false);
        }

        public Options(boolean drive, Map<String, Object> properties, List<Object> beans) {
            this(drive, properties, beans, Faults.NONE, false);
        }

        /** The same stack with these faults injected into its triggers, its vendors and its chain. */
        public Options withFaults(Faults injected) {
            return new Options(drive, properties, beans, injected, ownProcess);
        }

        /**
         * The functions in a process of their own, which can be killed and started again while the
         * tables, the queues and the chain stay up. Extra beans cannot cross into that process.
         */
        public Options inOwnProcess() {
            if (!beans.isEmpty()) throw new IllegalStateException("beans cannot be handed to another process");
            return new Options(drive, properties, beans, faults, true);
        }

        /**
         * The stack {@code up} runs: payouts are held a minute rather than the tiers' days, so that
         * they, and the rewards they earn, are final while someone watches.
         */
        public static Options runner() {
            return new Options(true, Map.of("cyberplaza.orders.dispute-window", "1m"));
        }

        /** This stack with the local HPC centre (a Slurm cluster) beside it, where Slurm is installed. */
        public Options withHpc() {
            Map<String, Object> more = new HashMap<>(properties);
            more.put(HPC, true);
            return new Options(drive, Map.copyOf(more), beans, faults, ownProcess);
        }

        /**
         * The runner with the rate limit lifted, for tools that load or fuzz the API (the limit has
         * its own tests; here it would only turn their requests into 429s). Requests are still counted.
         */
        public static Options unthrottled() {
            return new Options(true, Map.of("cyberplaza.api.rate-limit.per-identity", 100_000_000,
                    "cyberplaza.api.rate-limit.per-address", 100_000_000, "cyberplaza.api.rate-limit.per-sign-in", 100_000_000,
                    "cyberplaza.api.rate-limit.per-webhook", 100_000_000));
        }
    }

    /** What a client needs to use the stack. {@code faucet} is a URL accepting POST {address, amount}. */
    public record Info(String api, String rpc, long chainId, String escrow, String usdc, String faucet, String cpt, String rewardsDistributor,
                       String voteEscrow, String feeDistributor) {
    }

    /** Starts the local HPC centre beside the stack (an option, not a setting of the functions). */
    public static final String HPC = "cyberplaza.local.hpc";

    private final List<AutoCloseable> resources = new ArrayList<>();
    private LocalSlurm slurm;
    private ScheduledExecutorService scheduler;
    private Faults faults = Faults.NONE;
    private Info info;
    private HardhatNode node;
    private EscrowDeployer deployer;
    private EscrowDeployer.Deployment deployment;
    private LocalFunctions functions;
    private FunctionsProcess functionsProcess;
    private ChainReorgs reorgs;
    private FaultProxy tableHop;
    private final List<Thread> injectors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<FaultProxy> hops = new ArrayList<>();
    private LocalChain chain;
    private MotoServer moto;
    private Path secretsFile;
    private Path workloads;
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
        try (SqsClient admin = sqs.client()) {
            SqsQueues.createMissing(admin, new QueueNames(PREFIX));
        }

        int apiPort = freePort();
        String api = "http://127.0.0.1:" + apiPort;
        Path work = stateDir.resolve("local-process");
        workloads = work;
        Map<String, Object> properties = new HashMap<>();
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", apiPort);
        properties.put("cyberplaza.environment", "local");
        properties.put("cyberplaza.metrics.format", "prometheus");
        // Secrets in an owner-only file, as the cloud functions have them in their secret store; the
        // session key is new at every start.
        Path secrets = stateDir.resolve("secrets.json");
        Map<String, String> secretValues = new HashMap<>(Map.of(
                SecretStore.JWT_SIGNING_KEY, randomSecret(),
                SecretStore.SETTLER_KEY, DevAccounts.SETTLER.getEcKeyPair().getPrivateKey().toString(16),
                SecretStore.GUARDIAN_KEY, DevAccounts.GUARDIAN.getEcKeyPair().getPrivateKey().toString(16),
                SecretStore.ARBITER_KEY, DevAccounts.ARBITER.getEcKeyPair().getPrivateKey().toString(16),
                SecretStore.REWARDS_PUBLISHER_KEY, DevAccounts.REWARDS_PUBLISHER.getEcKeyPair().getPrivateKey().toString(16),
                Ec2Vendor.WEBHOOK_KEY_SECRET, randomSecret(),
                AzureComputeVendor.WEBHOOK_KEY_SECRET, randomSecret(),
                // No vendor delivers codes by webhook here until one is added: {"vendor": "key"}.
                SecretStore.COUPON_WEBHOOK_KEYS, "{}",
                SecretStore.COUPON_FINGERPRINT_KEY, randomSecret(),
                // The local key that wraps coupon codes' data keys, as KMS does in the cloud.
                SecretStore.COUPON_CODE_KEY, randomKey()));
        if (Boolean.TRUE.equals(options.properties().get(HPC))) {
            slurm = LocalSlurm.start(repoRoot, stateDir).orElse(null);
            if (slurm != null) {
                resources.add(slurm);
                LocalSlurm.Cluster cluster = slurm.cluster();
                secretValues.put(SlurmTokens.SECRET, cluster.jwtKeyBase64());
                properties.put("cyberplaza.provisioners.slurm.enabled", true);
                properties.put("cyberplaza.provisioners.slurm.endpoint", cluster.rest());
                properties.put("cyberplaza.provisioners.slurm.user", cluster.user());
                properties.put("cyberplaza.provisioners.slurm.partition", cluster.partition());
                properties.put("cyberplaza.provisioners.slurm.memory-mb-per-unit", Math.max(1, cluster.memoryMb() / cluster.cpus()));
                properties.put("cyberplaza.provisioners.slurm.output-root", cluster.jobs().toString());
                properties.put(CatalogSeed.HPC_CORES, cluster.cpus());
                properties.put(CatalogSeed.HPC_MEMORY_MB, cluster.memoryMb());
            }
        }
        FileSecretStore.write(secrets, secretValues);
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
        // Locally every step takes a second or two: an order left between steps by a crash is re-driven after a minute.
        properties.put("cyberplaza.orders.stall-after", "1m");
        // The local chain confirms a deposit within seconds: an abandoned order's hold ends 30 s after its funding window.
        properties.put("cyberplaza.orders.confirmation-grace", "30s");
        // Rewards epochs of a minute from the stack's start, at a fixed CPT price of 0.10 USD (no CPT/USD feed here).
        properties.put("cyberplaza.rewards.genesis", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        properties.put("cyberplaza.rewards.epoch-length", "1m");
        properties.put("cyberplaza.rewards.settle-delay", "5s");
        properties.put("cyberplaza.rewards.fixed-cpt-price-micro-usd", 100_000);
        // No vendor price list is reachable here: the providers' offers are the one source.
        properties.put("cyberplaza.pricing.min-sources", 1);
        properties.put(FAUCET_RPC, node.rpcUrl());
        if (faults.on(Faults.Kind.THROTTLE) || options.ownProcess()) {
            // The functions reach DynamoDB, EC2 and the node through hops that count what passes and,
            // with throttling faults, storm now and then.
            List<FaultProxy> proxies = List.of(
                    proxy("dynamodb", dynamo.endpoint(), FaultProxy.Storm.DYNAMODB_THROTTLING),
                    proxy("ec2", moto.endpoint(), FaultProxy.Storm.EC2_THROTTLING),
                    proxy("rpc", URI.create(node.rpcUrl()), FaultProxy.Storm.UNREACHABLE));
            tableHop = proxies.get(0);
            properties.put("cyberplaza.dynamodb.endpoint", proxies.get(0).endpoint().toString());
            properties.put("cyberplaza.provisioners.aws-ec2.endpoint", proxies.get(1).endpoint().toString());
            properties.put("cyberplaza.chain.rpc-url", proxies.get(2).endpoint().toString());
            if (options.drive() && faults.on(Faults.Kind.THROTTLE)) startStorms(proxies);
        }
        properties.putAll(options.properties());
        configuration = Map.copyOf(properties);

        if (options.ownProcess()) {
            functionsProcess = FunctionsProcess.start(stateDir, configuration, faults, options.drive(), api);
            resources.add(functionsProcess);
            if (faults.on(Faults.Kind.KILL) && options.drive()) startKilling(functionsProcess);
        } else {
            List<Object> singletons = new ArrayList<>(options.beans());
            singletons.add(chain.faucet());
            functions = LocalFunctions.start(configuration, singletons, faults, options.drive());
            resources.add(functions);
        }
        info = new Info(api, node.rpcUrl(), HardhatNode.CHAIN_ID, deployment.escrow(), deployment.usdc(), api + "/local/faucet",
                chain.cpt().token(), chain.cpt().distributor(), chain.ve().ve(), chain.ve().feeDistributor());
        log.info("API at {}, browsable at {}/docs", api, api);
        if (!options.drive()) return;
        if (faults.on(Faults.Kind.REORG)) startReorganising(new ChainReorgs(node, faults));
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chain-heartbeat").daemon().factory());
        // The feed's own heartbeat, as Chainlink answers at least daily: a stack left running keeps quoting.
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                chain.reaffirmPeg();
            } catch (RuntimeException e) {
                log.warn("the USDC/USD feed was not answered (it is tried again): {}", e.toString());
            }
        }, PEG_HEARTBEAT.toMillis(), PEG_HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One fault injected now; an interruption stops the injector. */
    @FunctionalInterface
    private interface Injection {
        void inject() throws Exception;
    }

    /**
     * Injects a fault every {@code leastMillis} plus up to {@code spreadMillis}, until the stack stops
     * or {@link #stopFaults}; one injection that fails is logged and the next one still comes.
     */
    private void inject(String kind, int leastMillis, int spreadMillis, Injection injection) {
        Thread injector = Thread.ofPlatform().name("fault-" + kind).daemon().start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    Thread.sleep(leastMillis + faults.nextInt(spreadMillis));
                    try {
                        injection.inject();
                    } catch (InterruptedException stopped) {
                        throw stopped;
                    } catch (Exception e) {
                        log.error("a {} fault failed half-way", kind, e);
                    }
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        });
        injectors.add(injector);
        resources.add(() -> {
            injector.interrupt();
            injector.join(60_000);
        });
    }

    /** Every 30 to 90 seconds, the functions' process killed with SIGKILL and, a moment later, started again. */
    private void startKilling(FunctionsProcess target) {
        inject("kill", 30_000, 60_000, () -> {
            target.kill();
            faults.injectedOne(Faults.Kind.KILL);
            log.info("killed the functions' process (SIGKILL); starting it again");
            Thread.sleep(faults.nextInt(2_000));
            startAgain(target);
        });
    }

    /** Every 8 to 20 seconds the latest block replaced. */
    private void startReorganising(ChainReorgs chainReorgs) {
        reorgs = chainReorgs;
        inject("reorg", 8_000, 12_000, chainReorgs::reorganise);
    }

    /** DynamoDB operations the functions made, by name, when they reach the tables through a counting hop. */
    public Map<String, Long> tableOperations() {
        return tableHop == null ? Map.of() : tableHop.operations();
    }

    /** The same, per table: where the calls go. */
    public Map<String, Long> tableOperationsByTable() {
        return tableHop == null ? Map.of() : tableHop.operationsByTable();
    }

    /** The reorganisations this stack injects, when it does. */
    java.util.Optional<ChainReorgs> reorgs() {
        return java.util.Optional.ofNullable(reorgs);
    }

    private FaultProxy proxy(String name, URI target, FaultProxy.Storm storm) throws java.io.IOException {
        FaultProxy proxy = FaultProxy.start(name, target, storm, () -> faults.nextInt(2), () -> faults.injectedOne(Faults.Kind.THROTTLE));
        resources.add(proxy);
        hops.add(proxy);
        return proxy;
    }

    /** Every 10 to 25 seconds a storm of 2 to 5 seconds on one of the hops. */
    private void startStorms(List<FaultProxy> proxies) {
        inject("throttle", 10_000, 15_000,
                () -> proxies.get(faults.nextInt(proxies.size())).storm(Duration.ofMillis(2_000 + faults.nextInt(3_000))));
    }

    /** Starts the functions again, as long as it takes: a soak without its functions would only time out. */
    private static void startAgain(FunctionsProcess target) throws InterruptedException {
        while (true) {
            try {
                target.restart();
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.error("the functions could not be started again; trying again", e);
                Thread.sleep(2_000);
            }
        }
    }

    /**
     * Stops injecting faults and leaves the stack whole (the functions running, every hop passing),
     * so what is checked afterwards is the state the faults left, not a fault in progress.
     */
    public void stopFaults() throws InterruptedException {
        for (Thread injector : injectors) {
            injector.interrupt();
            injector.join(60_000);
        }
        hops.forEach(FaultProxy::calm);
        if (functionsProcess != null && !functionsProcess.isAlive()) startAgain(functionsProcess);
    }

    /** Faults injected so far, by kind, including the duplicates a functions' process of its own made. */
    public Map<Faults.Kind, Long> faultsInjected() throws java.io.IOException {
        Map<Faults.Kind, Long> counts = new java.util.EnumMap<>(Faults.Kind.class);
        for (Faults.Kind kind : Faults.Kind.values()) counts.put(kind, faults.injected(kind));
        if (functionsProcess != null) counts.merge(Faults.Kind.DUPLICATE, functionsProcess.duplicatesInjected(), Long::sum);
        return counts;
    }

    /** The event an EventBridge schedule hands its function, for the named rule. */
    public static ScheduledEvent scheduled(String rule) {
        return LocalFunctions.scheduled(rule);
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

    /** The functions when they run in this process; tests that deliver triggers themselves use them. */
    public LocalFunctions functions() {
        if (functions == null) throw new IllegalStateException("the functions run in a process of their own");
        return functions;
    }

    public ApplicationContext context() {
        return functions().context();
    }

    public EscrowWatcherHandler watcher() {
        return functions().watcher();
    }

    public GroupBuyHandler groupBuy() {
        return functions().groupBuy();
    }

    public RewardsHandler rewards() {
        return functions().rewards();
    }

    public MeterHandler meter() {
        return functions().meter();
    }

    public ProvisionHandler provisionHandler() {
        return functions().provisionHandler();
    }

    public SettleHandler settleHandler() {
        return functions().settleHandler();
    }

    public ReconcilerHandler reconcilerHandler() {
        return functions().reconcilerHandler();
    }

    public PricingOracleHandler pricingHandler() {
        return functions().pricingHandler();
    }

    public LocalProcessProvisioner provisioner() {
        return functions().provisioner();
    }

    /** The process the functions run in, when they have one of their own (a soak kills and restarts it). */
    /** The local HPC centre, when it started. */
    public java.util.Optional<LocalSlurm> slurm() {
        return java.util.Optional.ofNullable(slurm);
    }

    public java.util.Optional<FunctionsProcess> functionsProcess() {
        return java.util.Optional.ofNullable(functionsProcess);
    }

    /** Where the local provider runs its workloads: a directory per resource, with the process's id in it. */
    public Path workloadsRoot() {
        return workloads;
    }

    /** moto's endpoint: the EC2 account cloud offers launch in. */
    public java.net.URI ec2Endpoint() {
        return moto.endpoint();
    }

    /** A secret the functions hold (the webhook keys a vendor stand-in must present). */
    public String secret(String name) {
        return new FileSecretStore(secretsFile).get(name);
    }

    /** Receives what is waiting on a topic's queue, without deleting it. */
    public List<software.amazon.awssdk.services.sqs.model.Message> receive(WorkQueue.Topic topic) {
        return functions().receive(topic);
    }

    /** Delivers what waits on a topic's queue to its handler once; see {@link LocalFunctions#deliver}. */
    public int deliver(WorkQueue.Topic topic) {
        return functions().deliver(topic);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) scheduler.shutdownNow();
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
