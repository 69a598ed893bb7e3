package io.cyberplaza.azure;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import io.cyberplaza.api.webhook.VendorDeliveries;
import io.cyberplaza.azure.function.ApiFunction;
import io.cyberplaza.azure.function.VendorEventsFunction;
import io.cyberplaza.azure.queue.StorageQueueWorkQueue;
import io.cyberplaza.provisioner.ResourceStatus;
import io.cyberplaza.core.queue.OrderMessage;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.store.Stores;
import io.cyberplaza.core.vendor.Instance;
import io.cyberplaza.store.azure.AzureTableDocuments;
import io.cyberplaza.testing.AzuriteServer;
import io.cyberplaza.testing.RepositoryRoot;
import io.micronaut.azure.function.AzureFunction;
import io.micronaut.context.ApplicationContextBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Azure functions invoked as the Functions host invokes them (the host itself cannot run here),
 * over Table storage and Storage queues on Azurite.
 */
class AzureFunctionsTest {
    private static final String PREFIX = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private static AzuriteServer azurite;
    private static ApiFunction api;
    private static VendorEventsFunction vendorEvents;

    @BeforeAll
    static void start() throws Exception {
        azurite = AzuriteServer.start(Path.of("target", "azurite-functions.log").toAbsolutePath());
        ApplicationContextBuilder context = AzureFunction.defaultApplicationContextBuilder().properties(Map.of(
                "cyberplaza.azure.storage", azurite.connectionString(),
                "cyberplaza.azure.table-prefix", PREFIX,
                "cyberplaza.azure.queue-prefix", PREFIX.toLowerCase(),
                "cyberplaza.api.rate-limit.per-address", 3,
                // What the app setting CYBERPLAZA_SECRET_JWT_SIGNING_KEY (a Key Vault reference) reads as.
                "cyberplaza.secret.jwt-signing-key", UUID.randomUUID().toString() + UUID.randomUUID()));
        api = new ApiFunction(context);
        vendorEvents = new VendorEventsFunction(context);
        new AzureTableDocuments(api.getApplicationContext().getBean(com.azure.data.tables.TableServiceClient.class)).createMissing(PREFIX);
        ((StorageQueueWorkQueue) api.getApplicationContext().getBean(WorkQueue.class)).createMissing();
    }

    @AfterAll
    static void stop() {
        if (api != null) api.close();
        if (azurite != null) azurite.close();
    }

    @Test
    void theHttpTriggerRoutesToTheApi() {
        HttpResponseMessage health = api.request(HttpMethod.GET, "/health").invoke();

        assertThat(health.getStatus()).isEqualTo(HttpStatus.OK);
    }

    private static int offersFrom(String forwardedFor) {
        return api.request(HttpMethod.GET, "/offers").header("X-Forwarded-For", forwardedFor).invoke().getStatusCode();
    }

    @Test
    void twoCallersBehindTheFrontEndHaveBudgetsOfTheirOwnAndAForgedHopChangesNothing() {
        for (int i = 0; i < 3; i++) assertThat(offersFrom("198.51.100.7:50123")).isEqualTo(200);
        assertThat(offersFrom("198.51.100.7:50124")).as("the fourth in the minute, from another port").isEqualTo(429);
        assertThat(offersFrom("203.0.113.9, 198.51.100.7:50125")).as("an address the caller wrote itself is not trusted").isEqualTo(429);
        assertThat(offersFrom("198.51.100.8:40000")).as("another caller's own budget").isEqualTo(200);
    }

    @Test
    void aCallerWithoutASessionGetsAProblemThroughTheHttpTrigger() {
        HttpResponseMessage response = api.request(HttpMethod.GET, "/orders").invoke();

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
        assertThat((String) response.getBody()).contains("\"type\"");
    }

    @Test
    void aWorkMessageIsSentAsTheQueueTriggerReadsIt() {
        String orderId = "0x" + "ab".repeat(32);
        api.getApplicationContext().getBean(WorkQueue.class).send(WorkQueue.Topic.PROVISION, orderId, "provision:" + orderId);

        QueueClient queue = new QueueClientBuilder().connectionString(azurite.connectionString())
                .queueName(StorageQueueWorkQueue.queueName(PREFIX.toLowerCase(), WorkQueue.Topic.PROVISION))
                .messageEncoding(QueueMessageEncoding.BASE64).buildClient();
        QueueMessageItem message = queue.receiveMessage();

        assertThat(OrderMessage.decode(message.getBody().toString())).isEqualTo(orderId);
    }

    @Test
    void anEventGridDeliveryAboutOurVmChangesItsRecordOnceAndOneAboutAnotherIsIgnored() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ArrayNode events = (ArrayNode) json.readTree(Files.readString(RepositoryRoot.find().resolve("events/webhook-azure-vm-write.json")));
        ObjectNode event = (ObjectNode) events.get(0);
        event.put("eventTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        String vm = event.get("subject").asText().toLowerCase();
        Stores stores = api.getApplicationContext().getBean(Stores.class);

        VendorDeliveries.Receipt unknown = vendorEvents.vendorEvents(json.writeValueAsString(event), null);
        assertThat(unknown).isEqualTo(new VendorDeliveries.Receipt("ignored", 0, 1));

        stores.instances().recordLaunch(Instance.launched(vm, "azure-compute", "0x" + "cd".repeat(32), ResourceStatus.PENDING,
                Instant.now().minusSeconds(30)));
        event.put("id", UUID.randomUUID().toString());
        VendorDeliveries.Receipt applied = vendorEvents.vendorEvents(json.writeValueAsString(event), null);

        assertThat(applied.applied()).isEqualTo(1);
        assertThat(stores.instances().find(vm).orElseThrow().status()).isEqualTo(ResourceStatus.RUNNING);
        assertThat(vendorEvents.vendorEvents(json.writeValueAsString(event), null).applied()).isEqualTo(1);
        assertThat(stores.webhookReceipts().seen("azure-compute", event.get("id").asText())).isTrue();
    }
}
