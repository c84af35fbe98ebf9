package io.paas.router.routes;

import io.paas.client.Api;
import io.vertx.core.net.SocketAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** An immutable snapshot host -> app + endpoints; a new table replaces the old one whole. */
public final class RouteTable {
    /** The table before the controller ever answered: the router says so instead of claiming "no app". */
    public static final RouteTable NOT_LOADED = new RouteTable(-1, Map.of(), false);

    private final long generation;
    private final Map<String, AppRoute> byHost;
    private final boolean loaded;

    private RouteTable(long generation, Map<String, AppRoute> byHost, boolean loaded) {
        this.generation = generation;
        this.byHost = byHost;
        this.loaded = loaded;
    }

    public static RouteTable from(Api.RouteTable table) {
        Map<String, AppRoute> byHost = new HashMap<>();
        List<Api.Route> routes = table.routes() == null ? List.of() : table.routes();
        for (Api.Route route : routes) {
            String host = HostNames.normalize(route.host());
            if (host == null || host.isEmpty()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            List<SocketAddress> addresses = new ArrayList<>();
            for (String endpoint : route.endpoints() == null ? List.<String>of() : route.endpoints()) {
                SocketAddress address = parseEndpoint(endpoint);
                if (address != null) {
                    names.add(endpoint);
                    addresses.add(address);
                }
            }
            byHost.put(host, new AppRoute(host, route.app(), names, addresses.toArray(new SocketAddress[0])));
        }
        return new RouteTable(table.generation(), Map.copyOf(byHost), true);
    }

    /** "127.0.0.1:PORT" (or "[::1]:PORT") to an address; null when it is not one. */
    static SocketAddress parseEndpoint(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            return null;
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            return port > 0 && port < 65536 ? SocketAddress.inetSocketAddress(port, host) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The route for a normalized host, or null. */
    public AppRoute lookup(String host) {
        return host == null ? null : byHost.get(host);
    }

    public long generation() {
        return generation;
    }

    public boolean loaded() {
        return loaded;
    }

    public int size() {
        return byHost.size();
    }

    /** One human line per host that differs from the previous table; empty when nothing changed. */
    public List<String> changesSince(RouteTable previous) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> hosts = new TreeSet<>(byHost.keySet());
        hosts.addAll(previous.byHost.keySet());
        for (String host : hosts) {
            AppRoute now = byHost.get(host);
            AppRoute before = previous.byHost.get(host);
            if (before == null) {
                lines.add("+ " + host + " -> " + describe(now));
            } else if (now == null) {
                lines.add("- " + host + " (" + before.app() + ")");
            } else if (!Objects.equals(now.app(), before.app())
                    || !now.endpointNames().equals(before.endpointNames())) {
                lines.add("~ " + host + " -> " + describe(now) + " (was " + describe(before) + ")");
            }
        }
        return lines;
    }

    private static String describe(AppRoute route) {
        return route.app() + " " + (route.hasEndpoints() ? route.endpointNames().toString() : "[no web process]");
    }
}
