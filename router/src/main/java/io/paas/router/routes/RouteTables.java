package io.paas.router.routes;

import io.paas.client.Api;
import io.paas.router.metrics.RouterMetrics;
import io.paas.router.policy.AppPolicy;
import io.paas.router.tls.Certificates;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the controller's table into a RouteTable, reusing endpoint and metrics objects across tables. */
public final class RouteTables {
    private final Vertx vertx;
    private final Endpoints endpoints;
    private final RouterMetrics metrics;

    public RouteTables(Vertx vertx, Endpoints endpoints, RouterMetrics metrics) {
        this.vertx = vertx;
        this.endpoints = endpoints;
        this.metrics = metrics;
    }

    /** Builds the table (blocking: parses keys); call off the event loop. */
    public RouteTable build(Api.RouteTable table) {
        Map<String, AppRoute> exact = new HashMap<>();
        Map<String, AppRoute> wildcard = new HashMap<>();
        Set<String> used = new HashSet<>();
        List<Api.Route> routes = table.routes() == null ? List.of() : table.routes();
        for (Api.Route route : routes) {
            String host = HostNames.normalize(route.host());
            if (host == null || host.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<Endpoint> live = new ArrayList<>();
            for (String name : route.endpoints() == null ? List.<String>of() : route.endpoints()) {
                Endpoint endpoint = endpoints.get(name);
                if (endpoint != null) {
                    names.add(name);
                    live.add(endpoint);
                    used.add(name);
                }
            }
            AppRoute appRoute = new AppRoute(host, route.app(), names, live.toArray(new Endpoint[0]),
                    AppPolicy.of(route.settings()), metrics.app(route.app()));
            if (host.startsWith("*.")) {
                wildcard.put(host.substring(2), appRoute);
            } else {
                exact.put(host, appRoute);
            }
        }
        endpoints.retainOnly(used);
        return new RouteTable(table.generation(), Map.copyOf(exact), Map.copyOf(wildcard),
                Certificates.parse(vertx, table.certificates()),
                table.acmeChallenges() == null ? Map.of() : Map.copyOf(table.acmeChallenges()), true);
    }
}
