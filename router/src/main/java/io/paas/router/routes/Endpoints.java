package io.paas.router.routes;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every endpoint the router knows, by "host:port", so health and in-flight counts survive table swaps. */
public final class Endpoints {
    private final ConcurrentHashMap<String, Endpoint> byName = new ConcurrentHashMap<>();

    /** The endpoint for "127.0.0.1:PORT" (or "[::1]:PORT"); null when the text is not an address. */
    Endpoint get(String name) {
        Endpoint known = byName.get(name);
        if (known != null) {
            return known;
        }
        InetSocketAddress address = parse(name);
        return address == null ? null : byName.computeIfAbsent(name, n -> new Endpoint(n, address));
    }

    /** Forgets endpoints no table refers to any more (their processes are gone). */
    void retainOnly(Collection<String> names) {
        Set<String> keep = new HashSet<>(names);
        byName.keySet().removeIf(name -> !keep.contains(name));
    }

    /** IP literals (what the controller sends) need no lookup; a name stays unresolved until connect time. */
    static InetSocketAddress parse(String endpoint) {
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
            if (port <= 0 || port >= 65536 || host.isEmpty()) {
                return null;
            }
            InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
            return literal != null ? new InetSocketAddress(literal, port) : InetSocketAddress.createUnresolved(host, port);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
