package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.cyberplaza.core.run.ProvisionService;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** SQS "provision" queue: launches each funded order's resource. */
public class ProvisionHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {
    @Inject
    ProvisionService provisioning;

    public ProvisionHandler() {
    }

    public ProvisionHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public SQSBatchResponse execute(SQSEvent event) {
        return SqsBatch.eachOrder(event, provisioning::provision);
    }
}
