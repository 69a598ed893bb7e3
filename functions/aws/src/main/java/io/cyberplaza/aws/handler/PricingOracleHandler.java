package io.cyberplaza.aws.handler;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.cyberplaza.core.pricing.PricingOracle;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Inject;

import java.util.List;

/** Schedule: one pricing round (sources, aggregation, Prices table, on-chain feeds). */
public class PricingOracleHandler extends MicronautRequestHandler<ScheduledEvent, PricingOracleHandler.Summary> {

    @Serdeable
    public record Summary(int observations, int sourcesRead, List<String> sourcesFailed, int pricesPublished, int feedsUpdated,
                          int rejections) {
    }

    @Inject
    PricingOracle oracle;

    public PricingOracleHandler() {
    }

    public PricingOracleHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return FunctionContexts.onlyWhatTheHandlerUses();
    }

    @Override
    public Summary execute(ScheduledEvent event) {
        PricingOracle.Report report = oracle.run();
        return new Summary(report.observations(), report.sourcesRead(), report.sourcesFailed(), report.pricesPublished(),
                report.feedsUpdated(), report.rejections().size());
    }
}
