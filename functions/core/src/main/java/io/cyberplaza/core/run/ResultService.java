package io.cyberplaza.core.run;

import io.cyberplaza.core.error.DomainException;
import io.cyberplaza.core.error.ErrorType;
import io.cyberplaza.core.order.Order;
import io.cyberplaza.core.order.OrderRepository;
import io.cyberplaza.provisioner.WorkloadResult;

/** Hands a workload's result to the order's owner, and to nobody else. */
public final class ResultService {
    private final OrderRepository orders;
    private final Provisioners provisioners;

    public ResultService(OrderRepository orders, Provisioners provisioners) {
        this.orders = orders;
        this.provisioners = provisioners;
    }

    public WorkloadResult result(String caller, String orderId) {
        Order order = orders.find(orderId).filter(o -> o.owner().equals(caller))
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND, "no order " + orderId));
        if (order.resourceId() == null) {
            throw new DomainException(ErrorType.STATE_CONFLICT, "order " + orderId + " has not started; there is no result yet");
        }
        return provisioners.forKind(order.terms().provisioner()).result(order.resourceId())
                .orElseThrow(() -> new DomainException(ErrorType.NOT_FOUND,
                        "order " + orderId + " has no result (yet): the workload writes it when it finishes"));
    }
}
