package io.cyberplaza.azure.function;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import io.cyberplaza.core.queue.OrderMessage;
import io.cyberplaza.core.run.ProvisionService;
import io.cyberplaza.core.settlement.SettlementService;
import io.micronaut.azure.function.AzureFunction;
import io.micronaut.context.ApplicationContextBuilder;

import java.util.List;
import java.util.Optional;

/**
 * Storage queue triggers. A message that throws is retried by the host and, after
 * {@code maxDequeueCount} (host.json) tries, moved to the queue's {@code -poison} queue: the
 * dead-letter queue an operator reads. A message that is not a work message is dropped at once
 * (retrying cannot make it one).
 */
public class WorkFunctions extends AzureFunction {

    public WorkFunctions() {
    }

    public WorkFunctions(ApplicationContextBuilder context) {
        super(context);
    }

    @FunctionName("provision")
    public void provision(@QueueTrigger(name = "message", queueName = "%CYBERPLAZA_PROVISION_QUEUE%", connection = "CYBERPLAZA_AZURE_STORAGE")
                          String message, ExecutionContext context) {
        orderOf(message, context).ifPresent(orderId -> getApplicationContext().getBean(ProvisionService.class).provision(orderId));
    }

    /** One order per message: the host runs messages in parallel, so settlement batches across concurrent invocations. */
    @FunctionName("settle")
    public void settle(@QueueTrigger(name = "message", queueName = "%CYBERPLAZA_SETTLE_QUEUE%", connection = "CYBERPLAZA_AZURE_STORAGE")
                       String message, ExecutionContext context) {
        orderOf(message, context).ifPresent(orderId -> getApplicationContext().getBean(SettlementService.class).settle(List.of(orderId)));
    }

    private static Optional<String> orderOf(String message, ExecutionContext context) {
        try {
            return Optional.of(OrderMessage.decode(message));
        } catch (IllegalArgumentException malformed) {
            context.getLogger().severe("dropping a message that is not a work message");
            return Optional.empty();
        }
    }
}
