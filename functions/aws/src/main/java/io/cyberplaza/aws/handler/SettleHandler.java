package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cyberplaza.core.settlement.SettlementService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/** SQS "settle" queue: settles the batch's ended orders in one escrow transaction. */
public class SettleHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger log = LoggerFactory.getLogger(SettleHandler.class);

    @Inject
    SettlementService settlement;

    public SettleHandler() {
    }

    public SettleHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        Map<String, String> ids = SqsBatch.orderIds(event);
        try {
            settlement.settle(List.copyOf(ids.values()));
            return SQSBatchResponse.builder().withBatchItemFailures(List.of()).build();
        } catch (RuntimeException e) {
            // One transaction for the batch: if it could not be sent, every message is retried.
            log.warn("settlement batch of {} orders failed and will be retried: {}", ids.size(), e.toString());
            return SqsBatch.allFailed(ids);
        }
    }
}
