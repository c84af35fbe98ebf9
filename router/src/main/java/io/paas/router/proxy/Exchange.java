package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.paas.router.routes.Endpoint;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/** One client request on its way through the router: what the access log and metrics need at the end. */
final class Exchange {
    final HttpServerRequest request;
    final AppRoute route;
    final long startNanos;
    final String requestId;
    Endpoint endpoint;
    int attempts;
    private boolean done;
    private String clientAddress;

    Exchange(HttpServerRequest request, AppRoute route, long startNanos, String requestId) {
        this.request = request;
        this.route = route;
        this.startNanos = startNanos;
        this.requestId = requestId;
    }

    /**
     * The client's IP as text, or null. Formatted once per request: Vert.x formats it anew on every
     * hostAddress() call, and the allowlist, X-Forwarded-For and the access log each want it.
     */
    String clientAddress() {
        if (clientAddress == null) {
            clientAddress = clientAddress(request);
        }
        return clientAddress;
    }

    static String clientAddress(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        return peer == null ? null : peer.hostAddress();
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
