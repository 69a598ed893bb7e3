package io.cyberplaza.provisioner.aws;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Faults between the EC2 adapter and moto, at the SDK's transport: refusals EC2 answers with
 * (throttling, 5xx, capacity) before the request reaches moto, and lost or late answers after moto
 * has carried the request out, the case where the vendor accepted a launch the caller never heard of.
 */
public final class FaultInjector implements ExecutionInterceptor {

    public enum Fault { THROTTLE, SERVER_ERROR, NO_CAPACITY, LOST_ANSWER, SLOW_ANSWER }

    private record Plan(Fault fault, Predicate<SdkRequest> applies, AtomicInteger remaining, double probability) {
    }

    private final Map<String, Plan> plans = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sent = new ConcurrentHashMap<>();
    private volatile Duration slowBy = Duration.ofSeconds(2);

    /** The next {@code times} calls of {@code operation} that match get {@code fault}. */
    public FaultInjector fail(String operation, Fault fault, int times, Predicate<SdkRequest> applies) {
        plans.put(operation + ":" + fault, new Plan(fault, applies, new AtomicInteger(times), 1.0));
        return this;
    }

    /** Every call of {@code operation} gets {@code fault} with {@code probability}. */
    public FaultInjector failRandomly(String operation, Fault fault, double probability) {
        plans.put(operation + ":" + fault, new Plan(fault, r -> true, new AtomicInteger(Integer.MAX_VALUE), probability));
        return this;
    }

    public FaultInjector slowBy(Duration delay) {
        slowBy = delay;
        return this;
    }

    public void clear() {
        plans.clear();
    }

    /** Calls of {@code operation} that left the client, refused or not. */
    public int sent(String operation) {
        return sent.getOrDefault(operation, new AtomicInteger()).get();
    }

    public static Predicate<SdkRequest> inZone(String zone) {
        return request -> request instanceof RunInstancesRequest run && run.placement() != null
                && zone.equals(run.placement().availabilityZone());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        sent.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
        for (Fault refusal : new Fault[]{Fault.THROTTLE, Fault.SERVER_ERROR, Fault.NO_CAPACITY}) {
            if (!fires(operation, refusal, context.request())) continue;
            throw switch (refusal) {
                case THROTTLE -> refusal(503, "RequestLimitExceeded", "Request limit exceeded.");
                case SERVER_ERROR -> refusal(500, "InternalError", "An internal error has occurred.");
                default -> refusal(500, "InsufficientInstanceCapacity", "We currently do not have sufficient capacity in the zone.");
            };
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (fires(operation, Fault.LOST_ANSWER, context.request())) {
            throw SdkClientException.create("Connection reset: the answer was lost after the request was carried out");
        }
        if (fires(operation, Fault.SLOW_ANSWER, context.request())) {
            try {
                Thread.sleep(slowBy);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SdkClientException.create("interrupted while the answer was late");
            }
        }
    }

    private boolean fires(String operation, Fault fault, SdkRequest request) {
        Plan plan = plans.get(operation + ":" + fault);
        if (plan == null || !plan.applies().test(request)) return false;
        if (plan.probability() < 1.0 && ThreadLocalRandom.current().nextDouble() >= plan.probability()) return false;
        return plan.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static Ec2Exception refusal(int status, String code, String message) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("EC2").build()).build();
    }
}
