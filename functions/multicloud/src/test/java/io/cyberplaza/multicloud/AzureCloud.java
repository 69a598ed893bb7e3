package io.cyberplaza.multicloud;

import com.azure.data.tables.TableServiceClient;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.models.QueueMessageItem;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.cyberplaza.api.catalog.JsonOfferCatalog;
import io.cyberplaza.azure.function.ApiFunction;
import io.cyberplaza.azure.function.ScheduleFunctions;
import io.cyberplaza.azure.function.WorkFunctions;
import io.cyberplaza.azure.queue.StorageQueueWorkQueue;
import io.cyberplaza.core.auth.AccountRepository;
import io.cyberplaza.core.offer.ListingRepository;
import io.cyberplaza.core.provider.ProviderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.chain.HardhatNode;
import io.cyberplaza.local.CatalogSeed;
import io.cyberplaza.local.LocalChain;
import io.cyberplaza.runtime.job.Rewarding;
import io.cyberplaza.local.LocalMarketplace;
import io.cyberplaza.store.azure.AzureTableDocuments;
import io.cyberplaza.testing.AzuriteServer;
import io.micronaut.azure.function.AzureFunction;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.serde.ObjectMapper;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Azure functions over Azurite, invoked as the Functions host invokes them. */
final class AzureCloud implements Cloud {
    private static final String PREFIX = "lifecycle";

    private final LocalChain chain;
    private final AzuriteServer azurite;
    private final FunctionHttpBridge bridge;
    private final ApiFunction api;
    private final ScheduleFunctions schedules;
    private final WorkFunctions work;

    private AzureCloud(LocalChain chain, AzuriteServer azurite, FunctionHttpBridge bridge, ApiFunction api, ScheduleFunctions schedules,
                       WorkFunctions work) {
        this.chain = chain;
        this.azurite = azurite;
        this.bridge = bridge;
        this.api = api;
        this.schedules = schedules;
        this.work = work;
    }

    static AzureCloud start(Path repoRoot, Path stateDir) throws Exception {
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalChain chain = LocalChain.start(repoRoot.resolve("contracts"), stateDir.resolve("hardhat-node.log"), false);
            started.addFirst(chain);
            AzuriteServer azurite = AzuriteServer.start(stateDir.resolve("azurite.log"));
            started.addFirst(azurite);
            ApiFunction[] entryPoint = new ApiFunction[1];
            FunctionHttpBridge bridge = FunctionHttpBridge.start(request -> route(entryPoint[0], request));
            started.addFirst(bridge);
            return start(chain, azurite, bridge, entryPoint, stateDir);
        } catch (Exception | Error e) {
            for (AutoCloseable resource : started) resource.close();
            throw e;
        }
    }

    private static AzureCloud start(LocalChain chain, AzuriteServer azurite, FunctionHttpBridge bridge, ApiFunction[] entryPoint,
                                    Path stateDir) throws Exception {
        Map<String, Object> settings = new HashMap<>(PlatformSettings.of(bridge.url(), chain, stateDir.resolve("local-process")));
        settings.put("cyberplaza.azure.storage", azurite.connectionString());
        settings.put("cyberplaza.azure.table-prefix", PREFIX);
        settings.put("cyberplaza.azure.queue-prefix", PREFIX);
        // The host's context, with the local faucet so a test wallet can get USDC.
        ApplicationContextBuilder host = AzureFunction.defaultApplicationContextBuilder().environments("local").properties(settings)
                .singletons(chain.faucet());
        entryPoint[0] = new ApiFunction(host);
        try {
            ApplicationContext context = entryPoint[0].getApplicationContext();
            new AzureTableDocuments(context.getBean(TableServiceClient.class)).createMissing(PREFIX);
            ((StorageQueueWorkQueue) context.getBean(WorkQueue.class)).createMissing();
            CatalogSeed.plant(JsonOfferCatalog.bundled(context.getBean(ObjectMapper.class)), context.getBean(ListingRepository.class),
                    context.getBean(ProviderRepository.class), context.getBean(AccountRepository.class), Instant.now());
            ScheduleFunctions schedules = new ScheduleFunctions(host);
            schedules.pricingOracle("{}", null);
            return new AzureCloud(chain, azurite, bridge, entryPoint[0], schedules, new WorkFunctions(host));
        } catch (RuntimeException e) {
            entryPoint[0].close();
            throw e;
        }
    }

    private static FunctionHttpBridge.Response route(ApiFunction api, FunctionHttpBridge.Request request) {
        var message = api.request(HttpMethod.value(request.method()), request.pathAndQuery());
        request.headers().forEach(message::header);
        HttpResponseMessage response = message.body(request.body()).invoke();
        Map<String, String> headers = new HashMap<>();
        Optional.ofNullable(response.getHeader("Content-Type")).ifPresent(type -> headers.put("Content-Type", type));
        return FunctionHttpBridge.Response.of(response.getStatusCode(), headers, response.getBody());
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
        schedules.escrowWatcher("{}", null);
    }

    @Override
    public void meter() {
        schedules.meter("{}", null);
    }

    @Override
    public void groupBuy() {
        schedules.groupBuy("{}", null);
    }

    @Override
    public Rewarding.Report rewards() {
        return schedules.rewards("{}", null);
    }

    @Override
    public int deliver(WorkQueue.Topic topic) {
        QueueClient queue = new QueueClientBuilder().connectionString(azurite.connectionString())
                .queueName(StorageQueueWorkQueue.queueName(PREFIX, topic)).messageEncoding(QueueMessageEncoding.BASE64).buildClient();
        int delivered = 0;
        for (QueueMessageItem message : queue.receiveMessages(32)) {
            String body = message.getBody().toString();
            if (topic == WorkQueue.Topic.PROVISION) work.provision(body, null);
            else work.settle(body, null);
            // Deleted only once handled, as the host does: a message whose function threw comes back.
            queue.deleteMessage(message.getMessageId(), message.getPopReceipt());
            delivered++;
        }
        return delivered;
    }

    @Override
    public void close() {
        api.close();
        bridge.close();
        azurite.close();
        chain.close();
    }
}
