package io.paas.router.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;

/**
 * Drops the app's connection-level headers from its answer: an app saying "Connection: close" about
 * its own socket must not close the client's keep-alive connection to the router.
 */
final class HopByHopResponseHeaders implements ProxyInterceptor {
    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        MultiMap headers = context.response().headers();
        headers.remove(HttpHeaders.CONNECTION);
        headers.remove(HttpHeaders.KEEP_ALIVE);
        headers.remove("proxy-connection");
        return context.sendResponse();
    }
}
