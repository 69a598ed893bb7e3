package io.cyberplaza.multicloud;

import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.local.LocalChain;
import io.cyberplaza.runtime.job.Rewarding;
import io.cyberplaza.local.LocalMarketplace;

import java.nio.file.Path;
import java.util.Map;

/** The Lambda handlers on the local stack (DynamoDB Local, ElasticMQ), every trigger delivered by the test. */
final class AwsCloud implements Cloud {
    private final LocalMarketplace stack;

    private AwsCloud(LocalMarketplace stack) {
        this.stack = stack;
    }

    static AwsCloud start(Path repoRoot, Path stateDir) throws Exception {
        Map<String, Object> settings = new java.util.HashMap<>(PlatformSettings.rewards());
        settings.putAll(Map.of("cyberplaza.api.rate-limit.per-identity", 100_000, "cyberplaza.api.rate-limit.per-address", 100_000,
                "cyberplaza.api.rate-limit.per-sign-in", 100_000));
        return new AwsCloud(LocalMarketplace.start(repoRoot, stateDir, new LocalMarketplace.Options(false, settings)));
    }

    @Override
    public LocalMarketplace.Info info() {
        return stack.info();
    }

    @Override
    public LocalChain chain() {
        return stack.chain();
    }

    @Override
    public void watch() {
        stack.watcher().execute(LocalMarketplace.scheduled("cyberplaza-escrow-watcher"));
    }

    @Override
    public Rewarding.Report rewards() {
        return stack.rewards().execute(LocalMarketplace.scheduled("cyberplaza-rewards"));
    }

    @Override
    public void meter() {
        stack.meter().execute(LocalMarketplace.scheduled("cyberplaza-meter"));
    }

    @Override
    public void groupBuy() {
        stack.groupBuy().execute(LocalMarketplace.scheduled("cyberplaza-group-buy"));
    }

    @Override
    public int deliver(WorkQueue.Topic topic) {
        return stack.deliver(topic);
    }

    @Override
    public void close() {
        stack.close();
    }
}
