package io.paas.controller.audit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The caller's address as the controller sees it: the connection's remote address. X-Forwarded-For is
 * not read: any client could write it, and no proxy the controller trusts stands in front of it.
 */
public class CallerAddressFilter {
    private final CallerOrigin origin;

    public CallerAddressFilter(CallerOrigin origin) {
        this.origin = origin;
    }

    @ServerRequestFilter(preMatching = true)
    public void remember(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        origin.address(remote == null ? null : remote.hostAddress());
    }
}
