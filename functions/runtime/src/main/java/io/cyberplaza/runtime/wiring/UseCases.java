package io.cyberplaza.runtime.wiring;

import io.cyberplaza.chain.EscrowEventIngestor;
import io.cyberplaza.core.capacity.CapacityLedger;
import io.cyberplaza.core.dispute.DisputeDesk;
import io.cyberplaza.core.escrow.ChainCursorStore;
import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.escrow.EscrowEventRouter;
import io.cyberplaza.core.escrow.EscrowInfo;
import io.cyberplaza.core.groupbuy.CouponIntake;
import io.cyberplaza.core.groupbuy.CouponVendors;
import io.cyberplaza.core.groupbuy.GroupBuyRun;
import io.cyberplaza.core.groupbuy.GroupBuyStore;
import io.cyberplaza.core.groupbuy.PledgeFunding;
import io.cyberplaza.core.idempotency.IdempotencyStore;
import io.cyberplaza.core.metrics.Metrics;
import io.cyberplaza.core.order.CouponPayments;
import io.cyberplaza.core.order.OrderExpiry;
import io.cyberplaza.core.order.OrderFunding;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.run.CompletionService;
import io.cyberplaza.core.run.LeakReconciler;
import io.cyberplaza.core.run.MeterService;
import io.cyberplaza.core.run.ProvisionService;
import io.cyberplaza.core.run.Provisioners;
import io.cyberplaza.core.run.StalledOrders;
import io.cyberplaza.core.settlement.EscrowSettler;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.settlement.SettlementService;
import io.cyberplaza.core.vendor.InstanceRepository;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.web3j.protocol.Web3j;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The use cases the non-HTTP functions run (the HTTP ones come from the API module's factory). */
@Factory
public class UseCases {

    @Singleton
    OrderFunding orderFunding(OrderRepository orders, WorkQueue queue, Metrics metrics, Provisioners provisioners, CapacityLedger capacity,
                              Clock clock) {
        // A reclaimed order's resource is nobody's to pay for: stopped at once, not at the next reconciler run.
        OrderFunding.ResourceStop stop = order -> provisioners.forKind(order.terms().provisioner()).terminate(order.resourceId());
        return new OrderFunding(orders, queue, metrics, stop, capacity, clock);
    }

    @Singleton
    EscrowEventRouter escrowEvents(OrderFunding orders, GroupBuyStore groupBuys, DepositLedger deposits,
                                   SettlementRepository settlements, SettlementService settlement, DisputeDesk disputes, Metrics metrics) {
        // Pledges are escrow orders too: a pledge's events go to the group buys, every other order's to the orders.
        return new EscrowEventRouter(deposits, settlements, List.of(new PledgeFunding(groupBuys, metrics), orders),
                settlement::redecide, disputes);
    }


    @Singleton
    EscrowEventIngestor ingestor(Web3j web3j, EscrowInfo escrow, ChainCursorStore cursors, EscrowEventRouter events,
                                 @Value("${cyberplaza.chain.confirmations:2}") int confirmations,
                                 @Value("${cyberplaza.chain.first-block:0}") long firstBlock) {
        return new EscrowEventIngestor(web3j, escrow.chainId(), escrow.escrow(), cursors, events,
                new EscrowEventIngestor.Settings(confirmations, 500, firstBlock, 128));
    }

    @Singleton
    ProvisionService provisionService(OrderRepository orders, Provisioners provisioners, InstanceRepository instances, WorkQueue queue,
                                      Metrics metrics, Clock clock, @Value("${cyberplaza.environment:local}") String environment,
                                      IdempotencyStore leases) {
        return new ProvisionService(orders, provisioners, instances, queue, metrics, clock, environment, leases);
    }

    @Singleton
    MeterService meterService(OrderRepository orders, Provisioners provisioners, CompletionService completion, Clock clock) {
        return new MeterService(orders, provisioners, completion, clock);
    }

    @Singleton
    OrderExpiry orderExpiry(OrderRepository orders, WorkQueue queue, CapacityLedger capacity, CouponPayments coupons, Clock clock,
                            @Value("${cyberplaza.orders.confirmation-grace:3m}") Duration grace) {
        return new OrderExpiry(orders, queue, capacity, coupons, clock, grace);
    }

    @Singleton
    StalledOrders stalledOrders(OrderRepository orders, SettlementRepository settlements, CompletionService completion,
                                WorkQueue queue, Clock clock,
                                @Value("${cyberplaza.orders.stall-after:10m}") Duration stallAfter) {
        return new StalledOrders(orders, settlements, completion, queue, clock, stallAfter);
    }

    @Singleton
    SettlementService settlementService(OrderRepository orders, SettlementRepository settlements, EscrowSettler escrow,
                                        CapacityLedger capacity, CouponPayments coupons, Clock clock) {
        return new SettlementService(orders, settlements, escrow, capacity, coupons, clock);
    }

    @Singleton
    GroupBuyRun groupBuyRun(GroupBuyStore store, DepositLedger deposits, SettlementService settler,
                            CouponIntake intake, CouponVendors vendors, Clock clock,
                            @Value("${cyberplaza.group-buys.funding-window:10m}") Duration fundingWindow,
                            @Value("${cyberplaza.orders.confirmation-grace:3m}") Duration grace) {
        // A deposit mined just inside the window may still be gathering its confirmations, as for orders.
        return new GroupBuyRun(store, deposits, settler, intake, vendors, fundingWindow.plus(grace), clock);
    }

    @Singleton
    LeakReconciler leakReconciler(Provisioners provisioners, OrderRepository orders, InstanceRepository instances, Clock clock,
                                  @Value("${cyberplaza.reconciler.grace:15m}") Duration grace) {
        return new LeakReconciler(provisioners, orders, instances, clock, grace);
    }
}
