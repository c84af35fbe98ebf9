package io.paas.router.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Header rules at the edge: hop-by-hop headers stay on their own connection, the app learns who
 * really called (X-Forwarded-For/-Proto/-Host/-Port), every request carries an X-Request-Id, and
 * Via names the router. Header names are pre-encoded AsciiStrings: no per-request encoding.
 */
final class ProxyHeaders {
    static final CharSequence FORWARDED_FOR = HttpHeaders.createOptimized("x-forwarded-for");
    static final CharSequence FORWARDED_PROTO = HttpHeaders.createOptimized("x-forwarded-proto");
    static final CharSequence FORWARDED_HOST = HttpHeaders.createOptimized("x-forwarded-host");
    static final CharSequence FORWARDED_PORT = HttpHeaders.createOptimized("x-forwarded-port");
    static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("x-request-id");
    static final CharSequence VIA = HttpHeaders.createOptimized("via");
    static final CharSequence VIA_VALUE = HttpHeaders.createOptimized("1.1 paas-router");
    static final CharSequence HSTS = HttpHeaders.createOptimized("strict-transport-security");
    static final CharSequence HSTS_VALUE = HttpHeaders.createOptimized("max-age=31536000");
    private static final CharSequence HTTP = HttpHeaders.createOptimized("http");
    private static final CharSequence HTTPS = HttpHeaders.createOptimized("https");
    private static final CharSequence PORT_80 = HttpHeaders.createOptimized("80");
    private static final CharSequence PORT_443 = HttpHeaders.createOptimized("443");
    private static final String REQUEST_ID_NAME = "x-request-id";

    private ProxyHeaders() {
    }

    /** The client's X-Request-Id when it sent one (a router in front of us), else a new one. */
    static String requestId(HttpServerRequest request) {
        String given = request.headers().get(REQUEST_ID);
        return given != null && !given.isEmpty() && given.length() <= 200 ? given : newRequestId();
    }

    /** Copies the client's headers to the app's request, minus hop-by-hop ones, plus the router's own. */
    static void toApp(HttpServerRequest incoming, String clientAddress, MultiMap out, String requestId, boolean upgrade) {
        MultiMap in = incoming.headers();
        String host = incoming.authority() == null ? null : incoming.authority().toString();
        // One pass over the client's headers: a copy-all then a remove per hop-by-hop name hashed and
        // scanned every header map once per name, on every request.
        String connection = null;
        String prior = null;
        String via = null;
        for (Map.Entry<String, String> header : in) {
            String name = header.getKey();
            switch (HopByHop.kind(name)) {
                case HopByHop.CONNECTION -> {
                    if (connection == null) {
                        connection = header.getValue();
                    }
                    if (upgrade) {
                        out.add(name, header.getValue());
                    }
                }
                case HopByHop.UPGRADE -> {
                    if (upgrade) {
                        out.add(name, header.getValue());
                    }
                }
                case HopByHop.FORWARDED_FOR -> {
                    if (prior == null) {
                        prior = header.getValue();
                    }
                }
                case HopByHop.VIA -> {
                    if (via == null) {
                        via = header.getValue();
                    }
                }
                case HopByHop.FORWARDED_HOST -> {
                    if (host == null) {
                        out.add(name, header.getValue());
                    }
                }
                // The app gets the client's Host through the request's authority; the rest the router sets below.
                case HopByHop.DROP, HopByHop.HOST, HopByHop.REPLACED -> { }
                default -> out.add(name, header.getValue());
            }
        }
        if (!upgrade) {
            removeNamedIn(connection, out);
        }
        if (clientAddress != null) {
            // Append, as every hop does, so the chain stays readable when something sits in front of us.
            out.add(FORWARDED_FOR, prior == null ? clientAddress : prior + ", " + clientAddress);
        }
        out.add(FORWARDED_PROTO, incoming.isSSL() ? HTTPS : HTTP);
        if (host != null) {
            out.add(FORWARDED_HOST, host);
        }
        SocketAddress local = incoming.localAddress();
        if (local != null) {
            out.add(FORWARDED_PORT, portText(local.port()));
        }
        out.add(REQUEST_ID, requestId);
        out.add(VIA, via == null ? VIA_VALUE : via + ", " + VIA_VALUE);
    }

    /** Copies the app's answer headers to the client's response, minus hop-by-hop ones. */
    static void toClient(MultiMap in, MultiMap out, String requestId, boolean hsts, boolean upgrade) {
        String connection = null;
        boolean hasRequestId = false;
        for (Map.Entry<String, String> header : in) {
            String name = header.getKey();
            switch (HopByHop.kind(name)) {
                case HopByHop.CONNECTION -> {
                    if (connection == null) {
                        connection = header.getValue();
                    }
                    if (upgrade) {
                        out.add(name, header.getValue());
                    }
                }
                case HopByHop.UPGRADE -> {
                    if (upgrade) {
                        out.add(name, header.getValue());
                    }
                }
                case HopByHop.DROP -> { }
                default -> {
                    if (!hasRequestId && name.length() == 12 && REQUEST_ID_NAME.equalsIgnoreCase(name)) {
                        hasRequestId = true;
                    }
                    out.add(name, header.getValue());
                }
            }
        }
        if (!upgrade) {
            removeNamedIn(connection, out);
        }
        if (!hasRequestId) {
            out.add(REQUEST_ID, requestId);
        }
        if (hsts) {
            out.set(HSTS, HSTS_VALUE);
        }
    }

    /** Headers the sender named in Connection are hop-by-hop too (RFC 9110 7.6.1); rare beyond close/keep-alive. */
    private static void removeNamedIn(String connection, MultiMap out) {
        if (connection == null) {
            return;
        }
        for (String token : connection.split(",")) {
            String name = token.strip();
            if (!name.isEmpty() && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")) {
                out.remove(name);
            }
        }
    }

    private static CharSequence portText(int port) {
        return port == 80 ? PORT_80 : port == 443 ? PORT_443 : Integer.toString(port);
    }

    /** A random (version 4) UUID without SecureRandom's lock: ids for tracing, not secrets. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
