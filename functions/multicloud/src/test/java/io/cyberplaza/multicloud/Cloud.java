package io.cyberplaza.multicloud;

import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.local.LocalChain;
import io.cyberplaza.runtime.job.Rewarding;
import io.cyberplaza.local.LocalMarketplace;

/** One cloud's functions as its platform drives them: HTTP, the schedules, the work queues. */
interface Cloud extends AutoCloseable {

    /** Where a buyer reaches the API (through the cloud's HTTP entry point) and the chain. */
    LocalMarketplace.Info info();

    LocalChain chain();

    /** One run of the escrow watcher's schedule. */
    void watch();

    /** One run of the meter's schedule. */
    void meter();

    /** One run of the group-buy schedule. */
    void groupBuy();

    /** One run of the rewards schedule. */
    Rewarding.Report rewards();

    /** Hands every waiting work message of the topic to its function, as the queue's trigger does; how many there were. */
    int deliver(WorkQueue.Topic topic) throws Exception;

    @Override
    void close();
}
