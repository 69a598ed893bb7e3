package io.cyberplaza.gcp.function;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.executor.FunctionInitializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schedule: Cloud Scheduler publishes to the schedule's topic, whose event runs the job. The
 * message says nothing: the time is the job's own clock, and every job is idempotent, so a repeated
 * or late delivery changes nothing twice.
 */
abstract class ScheduledFunction<R> extends FunctionInitializer implements CloudEventsFunction {
    private static final Logger log = LoggerFactory.getLogger(ScheduledFunction.class);

    ScheduledFunction() {
    }

    ScheduledFunction(ApplicationContext context) {
        super(context, false);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return GcpContexts.builder();
    }

    @Override
    public void accept(CloudEvent event) {
        log.info("{}: {}", getClass().getSimpleName(), run());
    }

    /** One run of the job, its report for the log. */
    public abstract R run();
}
