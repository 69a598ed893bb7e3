package io.cyberplaza.local;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.api.catalog.JsonOfferCatalog;
import io.cyberplaza.provisioner.slurm.SlurmApplication;
import io.cyberplaza.aws.handler.EscrowWatcherHandler;
import io.cyberplaza.aws.handler.GroupBuyHandler;
import io.cyberplaza.aws.handler.RewardsHandler;
import io.cyberplaza.aws.handler.MeterHandler;
import io.cyberplaza.aws.handler.PricingOracleHandler;
import io.cyberplaza.aws.handler.ProvisionHandler;
import io.cyberplaza.aws.handler.ReconcilerHandler;
import io.cyberplaza.aws.handler.SettleHandler;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.provisioner.Resource;
import io.cyberplaza.provisioner.local.LocalProcessProvisioner;
import io.cyberplaza.queue.sqs.QueueNames;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The functions' half of the local stack: the HTTP API and the AWS handlers driven the way Lambda
 * drives them (schedules, SQS pollers), over tables, queues and a chain someone else runs. Nothing
 * lives here that a restart would lose: {@link LocalMarketplace} runs it in its own process, or in a
 * process of its own that a soak kills and starts again.
 */
public final class LocalFunctions implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalFunctions.class);
    private static final Duration WATCH_EVERY = Duration.ofSeconds(1);
    private static final Duration METER_EVERY = Duration.ofSeconds(2);
    private static final Duration GROUP_BUY_EVERY = Duration.ofSeconds(2);
    private static final Duration RECONCILE_EVERY = Duration.ofMinutes(1);
    private static final Duration PRICE_EVERY = Duration.ofMinutes(5);
    /** Weekly in deployments; here epochs last a minute, and a run takes a published epoch one step further. */
    private static final Duration REWARDS_EVERY = Duration.ofSeconds(5);

    private final List<SqsPoller> pollers = new ArrayList<>();
    private final List<Thread> pollerThreads = new ArrayList<>();
    private final Faults faults;
    private ApplicationContext context;
    private SqsClient sqs;
    private QueueNames queues;
    private ScheduledExecutorService scheduler;
    private EscrowWatcherHandler watcher;
    private GroupBuyHandler groupBuy;
    private MeterHandler meter;
    private ProvisionHandler provision;
    private SettleHandler settle;
    private ReconcilerHandler reconciler;
    private PricingOracleHandler pricing;
    private RewardsHandler rewards;
    private LocalProcessProvisioner provisioner;

    private LocalFunctions(Faults faults) {
        this.faults = faults;
    }

    /**
     * @param properties the functions' configuration (endpoints, contracts, secrets file)
     * @param singletons beans added to the context (the faucet, a test's fault injector)
     * @param drive      run the schedules and queue pollers, or leave every trigger to the caller
     */
    public static LocalFunctions start(Map<String, Object> properties, List<Object> singletons, Faults faults, boolean drive) {
        LocalFunctions functions = new LocalFunctions(faults);
        try {
            functions.startAll(properties, singletons, drive);
            return functions;
        } catch (RuntimeException | Error e) {
            functions.close();
            throw e;
        }
    }

    private void startAll(Map<String, Object> properties, List<Object> singletons, boolean drive) {
        context = ApplicationContext.builder().environments("local").properties(properties)
                .singletons(singletons.toArray()).start();
        CatalogSeed.plant(JsonOfferCatalog.bundled(context.getBean(ObjectMapper.class)),
                context.getBean(ListingRepository.class), context.getBean(ProviderRepository.class),
                context.getBean(AccountRepository.class), Instant.now());
        if (Boolean.TRUE.equals(properties.get("cyberplaza.provisioners.slurm.enabled"))) {
            CatalogSeed.plant(List.of(CatalogSeed.hpcOffer(((Number) properties.get(CatalogSeed.HPC_CORES)).intValue(),
                            ((Number) properties.get(CatalogSeed.HPC_MEMORY_MB)).longValue(),
                            SlurmApplication.standard().stream().map(SlurmApplication::name).toList())),
                    context.getBean(ListingRepository.class), context.getBean(ProviderRepository.class),
                    context.getBean(AccountRepository.class), Instant.now());
        }
        context.getBean(EmbeddedServer.class).start();
        sqs = SqsClient.builder().endpointOverride(URI.create((String) properties.get("cyberplaza.sqs.endpoint"))).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        queues = new QueueNames((String) properties.get("cyberplaza.sqs.queue-prefix"));

        watcher = new EscrowWatcherHandler(context);
        meter = new MeterHandler(context);
        provision = new ProvisionHandler(context);
        settle = new SettleHandler(context);
        reconciler = new ReconcilerHandler(context);
        pricing = new PricingOracleHandler(context);
        groupBuy = new GroupBuyHandler(context);
        rewards = new RewardsHandler(context);
        // One round before anyone can ask for a quote: quoting waits for a reading of the peg.
        pricing.execute(scheduled("cyberplaza-pricing-oracle"));
        provisioner = (LocalProcessProvisioner) context.getBean(Provisioners.class).forKind(LocalProcessProvisioner.KIND);
        if (!drive) return;
        scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("schedule-", 0).daemon().factory());
        every(WATCH_EVERY, Duration.ZERO, "escrow-watcher", () -> watcher.execute(scheduled("cyberplaza-escrow-watcher")));
        every(METER_EVERY, METER_EVERY, "meter", () -> meter.execute(scheduled("cyberplaza-meter")));
        every(GROUP_BUY_EVERY, GROUP_BUY_EVERY, "group-buy", () -> groupBuy.execute(scheduled("cyberplaza-group-buy")));
        every(RECONCILE_EVERY, RECONCILE_EVERY, "reconciler", () -> reconciler.execute(scheduled("cyberplaza-reconciler")));
        every(PRICE_EVERY, PRICE_EVERY, "pricing-oracle", () -> pricing.execute(scheduled("cyberplaza-pricing-oracle")));
        every(REWARDS_EVERY, REWARDS_EVERY, "rewards", () -> rewards.execute(scheduled("cyberplaza-rewards")));
        startPoller(WorkQueue.Topic.PROVISION, provision::execute);
        startPoller(WorkQueue.Topic.SETTLE, settle::execute);
    }

    private void every(Duration period, Duration first, String name, Runnable job) {
        scheduler.scheduleWithFixedDelay(() -> runQuietly(name, job), first.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void startPoller(WorkQueue.Topic topic, Function<SQSEvent, SQSBatchResponse> handler) {
        String url = queueUrl(topic);
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        SqsPoller poller = new SqsPoller(sqs, url, arn, handler, faults);
        pollers.add(poller);
        pollerThreads.add(Thread.ofPlatform().name("sqs-" + topic.name().toLowerCase()).daemon().start(poller));
    }

    private String queueUrl(WorkQueue.Topic topic) {
        return sqs.getQueueUrl(r -> r.queueName(queues.of(topic))).queueUrl();
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

    /** Receives what is waiting on a topic's queue, without deleting it. */
    public List<software.amazon.awssdk.services.sqs.model.Message> receive(WorkQueue.Topic topic) {
        String url = queueUrl(topic);
        return sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(0)).messages();
    }

    /**
     * Delivers what waits on a topic's queue to its handler once, the way the event source mapping
     * does. If the handler dies, its messages stay on the queue and are visible again at once, as
     * they would be once the visibility timeout passed.
     */
    public int deliver(WorkQueue.Topic topic) {
        String url = queueUrl(topic);
        SqsPoller poller = new SqsPoller(sqs, url, "arn:aws:sqs:us-east-1:000000000000:" + queues.of(topic),
                topic == WorkQueue.Topic.PROVISION ? provision::execute : settle::execute);
        return poller.pollOnce(0, true);
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

    public RewardsHandler rewards() {
        return rewards;
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

    public LocalProcessProvisioner provisioner() {
        return provisioner;
    }

    /** Stops the triggers, then what is still running on the local provisioner, then the context. */
    @Override
    public void close() {
        pollers.forEach(SqsPoller::stop);
        // A batch in hand finishes first: a launch it makes after the sweep below would run on unwatched.
        for (Thread poller : pollerThreads) {
            try {
                poller.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
        if (context != null) context.close();
        if (sqs != null) sqs.close();
    }
}
