package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.paas.router.routes.Endpoint;
import io.vertx.core.http.HttpServerRequest;

/** One client request on its way through the router: what the access log and metrics need at the end. */
final class Exchange {
    final HttpServerRequest request;
    final AppRoute route;
    final long startNanos;
    final String requestId;
    Endpoint endpoint;
    int attempts;
    private boolean done;

    Exchange(HttpServerRequest request, AppRoute route, long startNanos, String requestId) {
        this.request = request;
        this.route = route;
        this.startNanos = startNanos;
        this.requestId = requestId;
    }

    /** The first call wins: a late failure after the answer was sent must not count the request twice. */
    boolean finish() {
        if (done) {
            return false;
        }
        done = true;
        return true;
    }
}
