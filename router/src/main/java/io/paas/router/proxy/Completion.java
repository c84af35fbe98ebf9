package io.paas.router.proxy;

import io.paas.router.routes.Endpoint;

/** The end of every request that reached an app's route: its metrics and its access log line. */
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
        accessLog.log(exchange.request, exchange.route.app(), endpoint == null ? null : endpoint.name(),
                exchange.requestId, exchange.clientAddress(), status, exchange.request.response().bytesWritten(), duration);
    }

    /** Requests no app claimed (unknown host, router starting): logged, not counted per app. */
    void unrouted(io.vertx.core.http.HttpServerRequest request, long startNanos, int status) {
        accessLog.log(request, null, null, null, Exchange.clientAddress(request), status, request.response().bytesWritten(), System.nanoTime() - startNanos);
    }
}
