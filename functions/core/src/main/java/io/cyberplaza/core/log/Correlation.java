package io.cyberplaza.core.log;

import org.slf4j.MDC;

/**
 * The correlation id of the logs: the order id, put in the logging context wherever an order is
 * handled, so one query over every function's logs (API, watcher, provision, meter, settle) tells
 * an order's whole story.
 */
public final class Correlation {
    public static final String ORDER_ID = "orderId";

    private Correlation() {
    }

    /** Use with try-with-resources: the order id is in the context until the block ends. */
    public static MDC.MDCCloseable order(String orderId) {
        return MDC.putCloseable(ORDER_ID, orderId);
    }
}
