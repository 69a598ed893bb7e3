package io.cyberplaza.gcp;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cyberplaza.core.order.OrderState;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.gcp.function.ApiFunction;
import io.cyberplaza.gcp.function.GcpContexts;
import io.cyberplaza.gcp.function.ProvisionFunction;
import io.cyberplaza.gcp.function.ReconcilerFunction;
import io.cyberplaza.gcp.queue.PubSubWorkQueue;
import io.cyberplaza.testing.GoogleCloudEmulator;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.gcp.function.http.GoogleHttpResponse;
import io.micronaut.http.HttpMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The Cloud Functions entry points invoked as the Functions Framework invokes them, over Firestore
 * and Pub/Sub on their emulators. Pub/Sub events are built as Eventarc delivers them.
 */
class GcpFunctionsTest {
    private static final String PROJECT = "cyberplaza-test";
    private static final String PREFIX = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private static GoogleCloudEmulator firestore;
    private static GoogleCloudEmulator pubsub;
    private static ManagedChannel channel;
    private static ApplicationContext context;

    @BeforeAll
    static void start() throws Exception {
        for (GoogleCloudEmulator.Kind kind : GoogleCloudEmulator.Kind.values()) {
            GoogleCloudEmulator.unavailableBecause(kind).ifPresent(reason -> {
                System.err.println("GCP function tests not run: " + reason);
                Assumptions.abort(reason);
            });
        }
        firestore = GoogleCloudEmulator.start(GoogleCloudEmulator.Kind.FIRESTORE, Path.of("target", "firestore-functions.log").toAbsolutePath());
        pubsub = GoogleCloudEmulator.start(GoogleCloudEmulator.Kind.PUBSUB, Path.of("target", "pubsub-functions.log").toAbsolutePath());
        channel = ManagedChannelBuilder.forTarget(pubsub.hostPort()).usePlaintext().build();
        try (TopicAdminClient topics = TopicAdminClient.create(TopicAdminSettings.newBuilder()
                .setTransportChannelProvider(channelProvider()).setCredentialsProvider(NoCredentialsProvider.create()).build());
             SubscriptionAdminClient subscriptions = SubscriptionAdminClient.create(SubscriptionAdminSettings.newBuilder()
                     .setTransportChannelProvider(channelProvider()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            for (WorkQueue.Topic topic : WorkQueue.Topic.values()) {
                TopicName name = TopicName.of(PROJECT, PubSubWorkQueue.topicName(PREFIX, topic));
                topics.createTopic(name);
                subscriptions.createSubscription(SubscriptionName.of(PROJECT, name.getTopic()), name, PushConfig.getDefaultInstance(), 30);
            }
        }
        context = GcpContexts.builder().properties(Map.of(
                "cyberplaza.gcp.project", PROJECT,
                "cyberplaza.gcp.firestore.emulator-host", firestore.hostPort(),
                "cyberplaza.gcp.pubsub.emulator-host", pubsub.hostPort(),
                "cyberplaza.gcp.collection-prefix", PREFIX,
                "cyberplaza.gcp.topic-prefix", PREFIX,
                "cyberplaza.api.rate-limit.per-address", 3,
                // What the secret environment variable CYBERPLAZA_SECRET_JWT_SIGNING_KEY reads as.
                "cyberplaza.secret.jwt-signing-key", UUID.randomUUID().toString() + UUID.randomUUID())).start();
    }

    private static TransportChannelProvider channelProvider() {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    @AfterAll
    static void stop() {
        if (context != null) context.close();
        if (channel != null) channel.shutdownNow();
        if (pubsub != null) pubsub.close();
        if (firestore != null) firestore.close();
    }

    @Test
    void theHttpFunctionRoutesToTheApi() {
        // Not closed here: a function given a context leaves it to its owner.
        ApiFunction api = new ApiFunction(context);
        GoogleHttpResponse health = api.invoke(HttpMethod.GET, "/health");
        GoogleHttpResponse orders = api.invoke(HttpMethod.GET, "/orders");

        assertThat(health.getStatus().getCode()).isEqualTo(200);
        assertThat(orders.getStatus().getCode()).isEqualTo(401);
        assertThat(orders.getContentType()).hasValueSatisfying(type -> assertThat(type.toString()).startsWith("application/problem+json"));
    }

    @Test
    void twoCallersBehindTheFrontEndHaveBudgetsOfTheirOwnAndAForgedHopChangesNothing() {
        ApiFunction api = new ApiFunction(context);
        java.util.function.ToIntFunction<String> offersFrom = forwardedFor -> api.invoke(io.micronaut.http.HttpRequest.GET("/offers")
                .header("X-Forwarded-For", forwardedFor)).getStatus().getCode();
        for (int i = 0; i < 3; i++) assertThat(offersFrom.applyAsInt("198.51.100.7")).isEqualTo(200);
        assertThat(offersFrom.applyAsInt("198.51.100.7")).as("the fourth in the minute").isEqualTo(429);
        assertThat(offersFrom.applyAsInt("203.0.113.9, 198.51.100.7")).as("an address the caller wrote itself is not trusted").isEqualTo(429);
        assertThat(offersFrom.applyAsInt("198.51.100.8")).as("another caller's own budget").isEqualTo(200);
    }

    @Test
    void aWorkMessageGoesThroughPubSubToItsFunctionAsEventarcDeliversIt() throws Exception {
        String orderId = "0x" + "ef".repeat(32);
        context.getBean(WorkQueue.class).send(WorkQueue.Topic.PROVISION, orderId, "provision:" + orderId);

        ReceivedMessage received = pull(PubSubWorkQueue.topicName(PREFIX, WorkQueue.Topic.PROVISION));
        assertThat(received.getMessage().getAttributesMap()).containsEntry("dedupKey", "provision:" + orderId);

        // An order this platform does not know is nothing to provision: the event is acknowledged and changes nothing.
        ProvisionFunction provision = new ProvisionFunction(context);
        assertThatCode(() -> provision.accept(eventarc(received.getMessage().getData().toByteArray()))).doesNotThrowAnyException();
        assertThat(context.getBean(Stores.class).orders().find(orderId)).isEmpty();
        assertThat(context.getBean(Stores.class).orders().findByState(OrderState.PROVISIONING)).isEmpty();

        // Retrying cannot make a malformed message a work message: it is dropped, not redelivered forever.
        assertThatCode(() -> provision.accept(eventarc("{\"orderId\":\"DROP TABLE\"}".getBytes(StandardCharsets.UTF_8))))
                .doesNotThrowAnyException();
    }

    @Test
    void aScheduleRunsItsJob() {
        ReconcilerFunction reconciler = new ReconcilerFunction(context);

        assertThat(reconciler.run().terminated()).isZero();
        assertThatCode(() -> reconciler.accept(eventarc(new byte[0]))).doesNotThrowAnyException();
    }

    private static ReceivedMessage pull(String subscription) throws Exception {
        try (GrpcSubscriberStub subscriber = GrpcSubscriberStub.create(SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(channelProvider()).setCredentialsProvider(NoCredentialsProvider.create()).build())) {
            for (int attempt = 0; attempt < 50; attempt++) {
                PullResponse response = subscriber.pullCallable().call(PullRequest.newBuilder()
                        .setSubscription(SubscriptionName.of(PROJECT, subscription).toString()).setMaxMessages(1).build());
                if (response.getReceivedMessagesCount() > 0) return response.getReceivedMessages(0);
                Thread.sleep(100);
            }
        }
        throw new AssertionError("no message on " + subscription);
    }

    /** A Pub/Sub message as Eventarc wraps it: {"message": {"data": base64, ...}, "subscription": ...}. */
    private static CloudEvent eventarc(byte[] data) {
        String body = "{\"message\":{\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\",\"messageId\":\"1\","
                + "\"publishTime\":\"" + OffsetDateTime.now() + "\"},\"subscription\":\"projects/" + PROJECT + "/subscriptions/work\"}";
        return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("//pubsub.googleapis.com/projects/" + PROJECT))
                .withType("google.cloud.pubsub.topic.v1.messagePublished").withData("application/json", body.getBytes(StandardCharsets.UTF_8)).build();
    }
}
