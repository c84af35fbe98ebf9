package io.paas.router.proxy;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

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
    private static final CharSequence PROXY_CONNECTION = HttpHeaders.createOptimized("proxy-connection");
    private static final CharSequence TRAILER = HttpHeaders.createOptimized("trailer");
    private static final CharSequence TE = HttpHeaders.createOptimized("te");

    private ProxyHeaders() {
    }

    /** The client's X-Request-Id when it sent one (a router in front of us), else a new one. */
    static String requestId(HttpServerRequest request) {
        String given = request.headers().get(REQUEST_ID);
        return given != null && !given.isEmpty() && given.length() <= 200 ? given : newRequestId();
    }

    /** Copies the client's headers to the app's request, minus hop-by-hop ones, plus the router's own. */
    static void toApp(HttpServerRequest incoming, MultiMap out, String requestId, boolean upgrade) {
        MultiMap in = incoming.headers();
        out.setAll(in);
        stripHopByHop(in, out, upgrade);
        // The app gets the client's Host: it builds absolute URLs and picks virtual hosts from it.
        out.remove(HttpHeaders.HOST);
        SocketAddress client = incoming.remoteAddress();
        if (client != null && client.hostAddress() != null) {
            // Append, as every hop does, so the chain stays readable when something sits in front of us.
            String prior = in.get(FORWARDED_FOR);
            out.set(FORWARDED_FOR, prior == null ? client.hostAddress() : prior + ", " + client.hostAddress());
        }
        out.set(FORWARDED_PROTO, incoming.isSSL() ? HTTPS : HTTP);
        String host = incoming.authority() == null ? null : incoming.authority().toString();
        if (host != null) {
            out.set(FORWARDED_HOST, host);
        }
        SocketAddress local = incoming.localAddress();
        if (local != null) {
            out.set(FORWARDED_PORT, Integer.toString(local.port()));
        }
        out.set(REQUEST_ID, requestId);
        String via = in.get(VIA);
        if (via == null) {
            out.set(VIA, VIA_VALUE);
        } else {
            out.set(VIA, via + ", " + VIA_VALUE);
        }
    }

    /** Copies the app's answer headers to the client's response, minus hop-by-hop ones. */
    static void toClient(MultiMap in, MultiMap out, String requestId, boolean hsts, boolean upgrade) {
        out.setAll(in);
        stripHopByHop(in, out, upgrade);
        if (!out.contains(REQUEST_ID)) {
            out.set(REQUEST_ID, requestId);
        }
        if (hsts) {
            out.set(HSTS, HSTS_VALUE);
        }
    }

    /** An app saying "Connection: close" about its own socket must not close the client's keep-alive one. */
    private static void stripHopByHop(MultiMap in, MultiMap out, boolean upgrade) {
        String connection = in.get(HttpHeaders.CONNECTION);
        if (connection != null && !upgrade) {
            // Headers the sender named in Connection are hop-by-hop too (RFC 9110 7.6.1).
            for (String token : connection.split(",")) {
                String name = token.strip();
                if (!name.isEmpty()) {
                    out.remove(name);
                }
            }
        }
        if (!upgrade) {
            out.remove(HttpHeaders.CONNECTION);
            out.remove(HttpHeaders.UPGRADE);
        }
        out.remove(HttpHeaders.KEEP_ALIVE);
        out.remove(PROXY_CONNECTION);
        out.remove(HttpHeaders.TRANSFER_ENCODING);
        out.remove(TE);
        out.remove(TRAILER);
    }

    /** A random (version 4) UUID without SecureRandom's lock: ids for tracing, not secrets. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
