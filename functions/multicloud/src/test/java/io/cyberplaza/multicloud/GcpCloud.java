package io.cyberplaza.multicloud;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.functions.CloudEventsFunction;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cyberplaza.api.catalog.JsonOfferCatalog;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.gcp.function.ApiFunction;
import io.cyberplaza.gcp.function.EscrowWatcherFunction;
import io.cyberplaza.gcp.function.GcpContexts;
import io.cyberplaza.gcp.function.GroupBuyFunction;
import io.cyberplaza.gcp.function.RewardsFunction;
import io.cyberplaza.gcp.function.MeterFunction;
import io.cyberplaza.gcp.function.PricingOracleFunction;
import io.cyberplaza.gcp.function.ProvisionFunction;
import io.cyberplaza.gcp.function.SettleFunction;
import io.cyberplaza.gcp.queue.PubSubWorkQueue;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.local.CatalogSeed;
import io.cyberplaza.local.LocalChain;
import io.cyberplaza.runtime.job.Rewarding;
import io.cyberplaza.local.LocalMarketplace;
import io.cyberplaza.testing.GoogleCloudEmulator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.gcp.function.http.GoogleHttpResponse;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.serde.ObjectMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The GCP functions over the Firestore and Pub/Sub emulators, invoked as the Functions Framework and Eventarc invoke them. */
final class GcpCloud implements Cloud {
    static final String PROJECT = "cyberplaza-lifecycle";
    private static final String PREFIX = "lifecycle";

    private final LocalChain chain;
    private final GoogleCloudEmulator firestore;
    private final GoogleCloudEmulator pubsub;
    private final ManagedChannel channel;
    private final ApplicationContext context;
    private final FunctionHttpBridge bridge;
    private final EscrowWatcherFunction watcher;
    private final MeterFunction meter;
    private final GroupBuyFunction groupBuy;
    private final RewardsFunction rewards;
    private final Map<WorkQueue.Topic, CloudEventsFunction> work;

    private GcpCloud(LocalChain chain, GoogleCloudEmulator firestore, GoogleCloudEmulator pubsub, ManagedChannel channel,
                     ApplicationContext context, FunctionHttpBridge bridge) {
        this.chain = chain;
        this.firestore = firestore;
        this.pubsub = pubsub;
        this.channel = channel;
        this.context = context;
        this.bridge = bridge;
        this.watcher = new EscrowWatcherFunction(context);
        this.meter = new MeterFunction(context);
        this.groupBuy = new GroupBuyFunction(context);
        this.rewards = new RewardsFunction(context);
        this.work = Map.of(WorkQueue.Topic.PROVISION, new ProvisionFunction(context), WorkQueue.Topic.SETTLE, new SettleFunction(context));
    }

    static GcpCloud start(Path repoRoot, Path stateDir) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalChain chain = LocalChain.start(repoRoot.resolve("contracts"), stateDir.resolve("hardhat-node.log"), false);
            started.addFirst(chain);
            GoogleCloudEmulator firestore = GoogleCloudEmulator.start(GoogleCloudEmulator.Kind.FIRESTORE, stateDir.resolve("firestore.log"));
            started.addFirst(firestore);
            GoogleCloudEmulator pubsub = GoogleCloudEmulator.start(GoogleCloudEmulator.Kind.PUBSUB, stateDir.resolve("pubsub.log"));
            started.addFirst(pubsub);
            ManagedChannel channel = ManagedChannelBuilder.forTarget(pubsub.hostPort()).usePlaintext().build();
            started.addFirst(channel::shutdownNow);
            createTopics(channel);
            ApiFunction[] entryPoint = new ApiFunction[1];
            FunctionHttpBridge bridge = FunctionHttpBridge.start(request -> route(entryPoint[0], request));
            started.addFirst(bridge);
            return start(chain, firestore, pubsub, channel, bridge, entryPoint, stateDir);
        } catch (Exception | Error e) {
            for (AutoCloseable resource : started) resource.close();
            throw e;
        }
    }

    private static GcpCloud start(LocalChain chain, GoogleCloudEmulator firestore, GoogleCloudEmulator pubsub, ManagedChannel channel,
                                  FunctionHttpBridge bridge, ApiFunction[] entryPoint, Path stateDir) throws Exception {
        Map<String, Object> settings = new HashMap<>(PlatformSettings.of(bridge.url(), chain, stateDir.resolve("local-process")));
        settings.put("cyberplaza.gcp.project", PROJECT);
        settings.put("cyberplaza.gcp.firestore.emulator-host", firestore.hostPort());
        settings.put("cyberplaza.gcp.pubsub.emulator-host", pubsub.hostPort());
        settings.put("cyberplaza.gcp.collection-prefix", PREFIX);
        settings.put("cyberplaza.gcp.topic-prefix", PREFIX);
        ApplicationContext context = GcpContexts.builder().environments("local").properties(settings).singletons(chain.faucet()).start();
        try {
            entryPoint[0] = new ApiFunction(context);
            CatalogSeed.plant(JsonOfferCatalog.bundled(context.getBean(ObjectMapper.class)), context.getBean(ListingRepository.class),
                    context.getBean(ProviderRepository.class), context.getBean(AccountRepository.class), Instant.now());
            new PricingOracleFunction(context).run();
            return new GcpCloud(chain, firestore, pubsub, channel, context, bridge);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    private static TransportChannelProvider channelProvider(ManagedChannel channel) {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    private static void createTopics(ManagedChannel channel) throws Exception {
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channelProvider(channel)).setCredentialsProvider(NoCredentialsProvider.create()).build());
             SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                     .setTransportChannelProvider(channelProvider(channel)).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            for (WorkQueue.Topic topic : WorkQueue.Topic.values()) {
                TopicName name = TopicName.of(PROJECT, PubSubWorkQueue.topicName(PREFIX, topic));
                topics.createTopic(name);
                subscriptions.createSubscription(SubscriptionName.of(PROJECT, name.getTopic()), name, PushConfig.getDefaultInstance(), 60);
            }
        }
    }

    private static FunctionHttpBridge.Response route(ApiFunction api, FunctionHttpBridge.Request request) {
        MutableHttpRequest<String> message = HttpRequest.create(HttpMethod.parse(request.method()), request.pathAndQuery());
        request.headers().forEach(message::header);
        if (!request.body().isEmpty()) message.body(request.body());
        GoogleHttpResponse response = api.invoke(message);
        Map<String, String> headers = new HashMap<>();
        response.getHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return FunctionHttpBridge.Response.of(response.getStatusCode(), headers, response.getBodyAsText());
    }

    @Override
    public LocalMarketplace.Info info() {
        return new LocalMarketplace.Info(bridge.url(), chain.node().rpcUrl(), HardhatNode.CHAIN_ID, chain.deployment().escrow(), chain.deployment().usdc(),
                bridge.url() + "/local/faucet", chain.cpt().token(), chain.cpt().distributor(), chain.ve().ve(), chain.ve().feeDistributor());
    }

    @Override
    public LocalChain chain() {
        return chain;
    }

    @Override
    public void watch() {
        watcher.run();
    }

    @Override
    public void meter() {
        meter.run();
    }

    @Override
    public void groupBuy() {
        groupBuy.run();
    }

    @Override
    public Rewarding.Report rewards() {
        return rewards.run();
    }

    @Override
    public int deliver(WorkQueue.Topic topic) throws Exception {
        String subscription = SubscriptionName.of(PROJECT, PubSubWorkQueue.topicName(PREFIX, topic)).toString();
        try (GrpcSubscriberStub subscriber = GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(channelProvider(channel)).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            int delivered = 0;
            for (ReceivedMessage received : subscriber.pullCallable().call(PullRequest.newBuilder().setSubscription(subscription)
                    .setMaxMessages(32).setReturnImmediately(true).build()).getReceivedMessagesList()) {
                work.get(topic).accept(eventarc(received));
                // Acknowledged only once handled, as Eventarc does: an event whose function threw is delivered again.
                subscriber.acknowledgeCallable().call(AcknowledgeRequest.newBuilder().setSubscription(subscription)
                        .addAckIds(received.getAckId()).build());
                delivered++;
            }
            return delivered;
        }
    }

    /** A Pub/Sub message as Eventarc delivers it to a CloudEvent function. */
    private static CloudEvent eventarc(ReceivedMessage received) {
        String body = "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(received.getMessage().getData().toByteArray())
                + "\",\"messageId\":\"" + received.getMessage().getMessageId() + "\"},\"subscription\":\"projects/" + PROJECT + "/subscriptions/work\"}";
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("//pubsub.googleapis.com/projects/" + PROJECT))
                .withType("google.cloud.pubsub.topic.v1.messagePublished").withData("application/json", body.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    @Override
    public void close() {
        context.close();
        channel.shutdownNow();
        bridge.close();
        pubsub.close();
        firestore.close();
        chain.close();
    }
}
