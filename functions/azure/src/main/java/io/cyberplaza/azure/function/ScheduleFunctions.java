package io.cyberplaza.azure.function;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.cyberplaza.core.run.LeakReconciler;
import io.cyberplaza.runtime.job.EscrowWatch;
import io.cyberplaza.runtime.job.GroupBuying;
import io.cyberplaza.runtime.job.Metering;
import io.cyberplaza.runtime.job.PricingRun;
import io.cyberplaza.runtime.job.Rewarding;
import io.micronaut.azure.function.AzureFunction;
import io.micronaut.context.ApplicationContextBuilder;

/**
 * Timer triggers, one per schedule; the NCRONTAB expressions are app settings so each environment
 * sets its own pace. A run that overlaps the previous one is skipped by the host (timers are
 * singletons), and every job is idempotent, so a retried or doubled run changes nothing twice.
 */
public class ScheduleFunctions extends AzureFunction {

    public ScheduleFunctions() {
    }

    public ScheduleFunctions(ApplicationContextBuilder context) {
        super(context);
    }

    @FunctionName("escrowWatcher")
    public EscrowWatch.Report escrowWatcher(@TimerTrigger(name = "timer", schedule = "%CYBERPLAZA_ESCROW_WATCH_SCHEDULE%") String timer,
                                            ExecutionContext context) {
        return getApplicationContext().getBean(EscrowWatch.class).run();
    }

    @FunctionName("meter")
    public Metering.Report meter(@TimerTrigger(name = "timer", schedule = "%CYBERPLAZA_METER_SCHEDULE%") String timer, ExecutionContext context) {
        return getApplicationContext().getBean(Metering.class).run();
    }

    @FunctionName("reconciler")
    public LeakReconciler.Report reconciler(@TimerTrigger(name = "timer", schedule = "%CYBERPLAZA_RECONCILER_SCHEDULE%") String timer,
                                            ExecutionContext context) {
        return getApplicationContext().getBean(LeakReconciler.class).reconcile();
    }

    @FunctionName("groupBuy")
    public GroupBuying.Report groupBuy(@TimerTrigger(name = "timer", schedule = "%CYBERPLAZA_GROUP_BUY_SCHEDULE%") String timer,
                                       ExecutionContext context) {
        return getApplicationContext().getBean(GroupBuying.class).run();
    }

    @FunctionName("rewards")
    public Rewarding.Report rewards(@TimerTrigger(name = "timer", schedule = "%CYBERPLAZA_REWARDS_SCHEDULE%") String timer,
                                    ExecutionContext context) {
        return getApplicationContext().getBean(Rewarding.class).run();
    }

    @FunctionName("pricingOracle")
    public PricingRun.Summary pricingOracle(@TimerTrigger(name = "timer", schedule = "%CYBERPLAZA_PRICING_SCHEDULE%") String timer,
                                            ExecutionContext context) {
        return getApplicationContext().getBean(PricingRun.class).run();
    }
}
