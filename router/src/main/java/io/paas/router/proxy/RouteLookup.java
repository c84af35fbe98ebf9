package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.paas.router.routes.HostNames;
import io.paas.router.routes.LiveRoutes;

/** Host header (HTTP/2: :authority; lowercased, port dropped) -> route in the current table. */
final class RouteLookup {
    private final LiveRoutes routes;

    RouteLookup(LiveRoutes routes) {
        this.routes = routes;
    }

    /** hostName: the Host header's host part (see hostName), or null. */
    AppRoute find(String hostName) {
        return hostName == null ? null : routes.current().lookup(HostNames.normalize(hostName));
    }

    boolean loaded() {
        return routes.current().loaded();
    }

    /** The host part of a Host header: "App.localhost:8080" -> "App.localhost", "[::1]:80" -> "[::1]". */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isEmpty()) {
            return null;
        }
        int colon = hostHeader.lastIndexOf(':');
        if (colon < 0 || hostHeader.indexOf(']', colon) >= 0) {
            return hostHeader;
        }
        return hostHeader.substring(0, colon);
    }
}
