package io.paas.router.proxy;

import io.paas.router.routes.Endpoint;

/** The end of every request: its metrics (when an app's route claimed it) and its access log line. */
final class Completion {
    private final AccessLog accessLog;

    Completion(AccessLog accessLog) {
        this.accessLog = accessLog;
    }

    void done(Exchange exchange, int status) {
        if (!exchange.finish()) {
            return;
        }
        long duration = System.nanoTime() - exchange.startNanos;
        exchange.route.metrics().request(status, duration);
        Endpoint endpoint = exchange.endpoint;
        accessLog.log(exchange, exchange.route.app(), endpoint == null ? null : endpoint.name(), status, duration);
    }

    /** Requests no app claimed (unknown host, router starting, unreadable request): logged, not counted per app. */
    void unrouted(Exchange exchange, int status) {
        if (exchange.finish()) {
            accessLog.log(exchange, null, null, status, System.nanoTime() - exchange.startNanos);
        }
    }
}
