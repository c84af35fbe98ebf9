package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.HttpProxy;

/**
 * First stop of every request: answers unknown hosts and apps without web processes itself, before
 * the proxy allocates anything, and hands the rest to the proxy. Also keeps WebSocket upgrades to
 * unknown hosts from reaching the proxy, which cannot answer them with a page.
 */
final class FrontDoor implements Handler<HttpServerRequest> {
    private final RouteLookup lookup;
    private final HttpProxy proxy;

    FrontDoor(RouteLookup lookup, HttpProxy proxy) {
        this.lookup = lookup;
        this.proxy = proxy;
    }

    @Override
    public void handle(HttpServerRequest request) {
        AppRoute route = lookup.find(request);
        if (route == null) {
            if (!lookup.loaded()) {
                ErrorPages.notLoaded().send(request.response());
            } else {
                HostAndPort authority = request.authority();
                ErrorPages.unknownHost(authority == null ? null : authority.host()).send(request.response());
            }
        } else if (!route.hasEndpoints()) {
            ErrorPages.noWebProcess(route.app()).send(request.response());
        } else {
            proxy.handle(request);
        }
    }
}
