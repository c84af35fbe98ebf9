package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.paas.router.routes.HostNames;
import io.paas.router.routes.LiveRoutes;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/** Host header (or HTTP/2 :authority; lowercased, port dropped) -> route in the current table. */
final class RouteLookup {
    private final LiveRoutes routes;

    RouteLookup(LiveRoutes routes) {
        this.routes = routes;
    }

    AppRoute find(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        return authority == null ? null : routes.current().lookup(HostNames.normalize(authority.host()));
    }

    boolean loaded() {
        return routes.current().loaded();
    }
}
