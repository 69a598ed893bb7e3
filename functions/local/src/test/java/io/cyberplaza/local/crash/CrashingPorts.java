package io.cyberplaza.local.crash;

import io.cyberplaza.core.escrow.DepositLedger;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.core.queue.WorkQueue;
import io.cyberplaza.core.settlement.SettlementRepository;
import io.cyberplaza.core.tx.TransactionOutbox;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/** Every port a function writes through, wrapped as it is created so a crash can be injected between steps. */
@Factory
@Requires(property = CrashPoints.ENABLED, value = "true")
class CrashingPorts {

    @Singleton
    BeanCreatedEventListener<OrderRepository> orders(CrashPoints crashes) {
        return event -> crashes.wrap(OrderRepository.class, event.getBean());
    }

    @Singleton
    BeanCreatedEventListener<DepositLedger> deposits(CrashPoints crashes) {
        return event -> crashes.wrap(DepositLedger.class, event.getBean());
    }

    @Singleton
    BeanCreatedEventListener<WorkQueue> queue(CrashPoints crashes) {
        return event -> crashes.wrap(WorkQueue.class, event.getBean());
    }

    @Singleton
    BeanCreatedEventListener<SettlementRepository> settlements(CrashPoints crashes) {
        return event -> crashes.wrap(SettlementRepository.class, event.getBean());
    }

    @Singleton
    BeanCreatedEventListener<TransactionOutbox> outbox(CrashPoints crashes) {
        return event -> crashes.wrap(TransactionOutbox.class, event.getBean());
    }
}
