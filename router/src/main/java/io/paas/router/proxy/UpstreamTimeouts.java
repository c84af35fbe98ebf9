package io.paas.router.proxy;

import java.util.ArrayList;
import java.util.List;

/**
 * The read timeout (to the app's first byte) and the idle timeout (silence inside a streamed body)
 * of one event loop's requests in flight, checked by one periodic sweep instead of a timer per
 * request: a timer per request costs a scheduled task, a queue insertion and a removal, the sweep
 * two pointer writes. Precision: one sweep period.
 *
 * Not thread-safe: used only from its event loop.
 */
final class UpstreamTimeouts {
    static final long SWEEP_MS = 100;

    /** Sentinel of the circular list of watched requests. */
    private final Exchange head = Exchange.sentinel();
    private final List<Exchange> expired = new ArrayList<>();

    UpstreamTimeouts() {
        head.prev = head;
        head.next = head;
    }

    /** From now on, the request has readTimeoutMs to bring the first byte of its answer. */
    void awaitAnswer(Exchange exchange, int readTimeoutMs) {
        exchange.streaming = false;
        exchange.windowNanos = readTimeoutMs * 1_000_000L;
        exchange.deadlineNanos = System.nanoTime() + exchange.windowNanos;
        if (exchange.prev == null) {
            link(exchange);
        }
    }

    /** The head arrived: from now on the body may pause for at most idleTimeoutMs between bytes. */
    void streaming(Exchange exchange, int idleTimeoutMs) {
        exchange.streaming = true;
        exchange.lastBytes = exchange.bytesOut;
        exchange.windowNanos = idleTimeoutMs * 1_000_000L;
        exchange.deadlineNanos = System.nanoTime() + exchange.windowNanos;
    }

    /** The exchange is over (answered, failed or abandoned): nothing left to time out. */
    void done(Exchange exchange) {
        if (exchange.prev != null) {
            exchange.prev.next = exchange.next;
            exchange.next.prev = exchange.prev;
            exchange.prev = null;
            exchange.next = null;
        }
    }

    /** Called every SWEEP_MS: hands the exchanges whose window has passed to onExpired. */
    void sweep(java.util.function.Consumer<Exchange> onExpired) {
        long now = System.nanoTime();
        Exchange exchange = head.next;
        while (exchange != head) {
            Exchange next = exchange.next;
            if (exchange.streaming && exchange.bytesOut != exchange.lastBytes) {
                exchange.lastBytes = exchange.bytesOut;
                exchange.deadlineNanos = now + exchange.windowNanos;
            }
            if (now - exchange.deadlineNanos >= 0) {
                done(exchange);
                expired.add(exchange);
            }
            exchange = next;
        }
        // After the walk: expiring runs the exchange's failure path, which may retry and change the list.
        for (int i = 0; i < expired.size(); i++) {
            onExpired.accept(expired.get(i));
        }
        expired.clear();
    }

    private void link(Exchange exchange) {
        exchange.prev = head.prev;
        exchange.next = head;
        head.prev.next = exchange;
        head.prev = exchange;
    }
}
