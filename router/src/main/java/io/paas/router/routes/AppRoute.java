package io.paas.router.routes;

import io.vertx.core.net.SocketAddress;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host of the table: the app behind it and its live web endpoints.
 * The addresses are parsed once here so the request path only picks one.
 */
public final class AppRoute {
    private final String host;
    private final String app;
    private final List<String> endpointNames;
    private final SocketAddress[] endpoints;
    // Shared by all event loops: one atomic increment per request is cheaper than any coordination.
    private final AtomicInteger cursor = new AtomicInteger();

    AppRoute(String host, String app, List<String> endpointNames, SocketAddress[] endpoints) {
        this.host = host;
        this.app = app;
        this.endpointNames = List.copyOf(endpointNames);
        this.endpoints = endpoints;
    }

    public String host() {
        return host;
    }

    public String app() {
        return app;
    }

    /** The endpoints as the controller wrote them ("127.0.0.1:PORT"), for logs and comparisons. */
    public List<String> endpointNames() {
        return endpointNames;
    }

    public int endpointCount() {
        return endpoints.length;
    }

    public boolean hasEndpoints() {
        return endpoints.length > 0;
    }

    /** Round robin; null when the app has no running web process. */
    public SocketAddress next() {
        int n = endpoints.length;
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return endpoints[0];
        }
        return endpoints[Math.floorMod(cursor.getAndIncrement(), n)];
    }
}
