package io.paas.router.proxy;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Header rules at the edge: hop-by-hop headers stay on their own connection, the app learns who
 * really called (X-Forwarded-For/-Proto/-Host/-Port), every request carries an X-Request-Id, and
 * Via names the router. Both directions edit the decoded message in place and send it on: no
 * second header map per request. Header names are pre-encoded AsciiStrings.
 */
final class ProxyHeaders {
    static final AsciiString FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString REQUEST_ID = AsciiString.cached("x-request-id");
    static final AsciiString VIA = AsciiString.cached("via");
    static final AsciiString VIA_VALUE = AsciiString.cached("1.1 paas-router");
    static final AsciiString HSTS = AsciiString.cached("strict-transport-security");
    static final AsciiString HSTS_VALUE = AsciiString.cached("max-age=31536000");
    private static final AsciiString HTTP = AsciiString.cached("http");
    private static final AsciiString HTTPS = AsciiString.cached("https");
    private static final AsciiString PORT_80 = AsciiString.cached("80");
    private static final AsciiString PORT_443 = AsciiString.cached("443");
    private static final String REQUEST_ID_NAME = "x-request-id";

    private ProxyHeaders() {
    }

    /** The client's X-Request-Id when it sent one (a router in front of us), else a new one. */
    static String requestId(HttpHeaders headers) {
        String given = headers.get(REQUEST_ID);
        return given != null && !given.isEmpty() && given.length() <= 200 ? given : newRequestId();
    }

    /**
     * Turns the client's request headers into the app's: hop-by-hop ones out (Connection and Upgrade
     * stay for an upgrade), the router's own in. host: the client's Host, or null.
     */
    static void toApp(HttpHeaders headers, String host, String clientAddress, boolean ssl, int localPort, String requestId,
                      boolean upgrade) {
        CharSequence connection = null;
        CharSequence prior = null;
        CharSequence via = null;
        Drops drops = null;
        for (Map.Entry<CharSequence, CharSequence> header : (Iterable<Map.Entry<CharSequence, CharSequence>>) headers::iteratorCharSequence) {
            switch (HopByHop.kind(header.getKey())) {
                case HopByHop.CONNECTION -> {
                    if (connection == null) {
                        connection = header.getValue();
                    }
                    if (!upgrade) {
                        drops = Drops.add(drops, header.getKey());
                    }
                }
                case HopByHop.UPGRADE -> {
                    if (!upgrade) {
                        drops = Drops.add(drops, header.getKey());
                    }
                }
                case HopByHop.FORWARDED_FOR -> {
                    if (prior == null) {
                        prior = header.getValue();
                    }
                    drops = Drops.add(drops, header.getKey());
                }
                case HopByHop.VIA -> {
                    if (via == null) {
                        via = header.getValue();
                    }
                    drops = Drops.add(drops, header.getKey());
                }
                // A client's X-Forwarded-Host stays only when it sent no Host of its own.
                case HopByHop.FORWARDED_HOST -> {
                    if (host != null) {
                        drops = Drops.add(drops, header.getKey());
                    }
                }
                case HopByHop.DROP, HopByHop.REPLACED -> drops = Drops.add(drops, header.getKey());
                // Host goes to the app as the client sent it; Transfer-Encoding frames the body on both sides.
                default -> { }
            }
        }
        Drops.removeAll(drops, headers);
        if (!upgrade) {
            removeNamedIn(connection, headers);
        }
        if (clientAddress != null) {
            // Append, as every hop does, so the chain stays readable when something sits in front of us.
            headers.add(FORWARDED_FOR, prior == null ? clientAddress : prior + ", " + clientAddress);
        }
        headers.add(FORWARDED_PROTO, ssl ? HTTPS : HTTP);
        if (host != null) {
            headers.add(FORWARDED_HOST, host);
        }
        if (localPort > 0) {
            headers.add(FORWARDED_PORT, portText(localPort));
        }
        headers.add(REQUEST_ID, requestId);
        headers.add(VIA, via == null ? VIA_VALUE : via + ", " + VIA_VALUE);
    }

    /** Turns the app's answer headers into the client's: hop-by-hop ones out, X-Request-Id and HSTS in. */
    static void toClient(HttpHeaders headers, String requestId, boolean hsts, boolean upgrade) {
        CharSequence connection = null;
        boolean hasRequestId = false;
        Drops drops = null;
        for (Map.Entry<CharSequence, CharSequence> header : (Iterable<Map.Entry<CharSequence, CharSequence>>) headers::iteratorCharSequence) {
            CharSequence name = header.getKey();
            switch (HopByHop.kind(name)) {
                case HopByHop.CONNECTION -> {
                    if (connection == null) {
                        connection = header.getValue();
                    }
                    if (!upgrade) {
                        drops = Drops.add(drops, header.getKey());
                    }
                }
                case HopByHop.UPGRADE -> {
                    if (!upgrade) {
                        drops = Drops.add(drops, header.getKey());
                    }
                }
                case HopByHop.DROP -> drops = Drops.add(drops, header.getKey());
                case HopByHop.REPLACED -> {
                    if (!hasRequestId && name.length() == 12 && AsciiString.contentEqualsIgnoreCase(name, REQUEST_ID_NAME)) {
                        hasRequestId = true;
                    }
                }
                default -> { }
            }
        }
        Drops.removeAll(drops, headers);
        if (!upgrade) {
            removeNamedIn(connection, headers);
        }
        if (!hasRequestId) {
            headers.add(REQUEST_ID, requestId);
        }
        if (hsts) {
            headers.set(HSTS, HSTS_VALUE);
        }
    }

    /** Headers the sender named in Connection are hop-by-hop too (RFC 9110 7.6.1); rare beyond close/keep-alive. */
    private static void removeNamedIn(CharSequence connection, HttpHeaders headers) {
        if (connection == null || AsciiString.contentEqualsIgnoreCase(connection, "keep-alive")
                || AsciiString.contentEqualsIgnoreCase(connection, "close")) {
            return;
        }
        for (String token : connection.toString().split(",")) {
            String name = token.strip();
            if (!name.isEmpty() && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")) {
                headers.remove(name);
            }
        }
    }

    /**
     * Names to remove once the walk is over (Netty's header iterator cannot remove). Most requests
     * carry no hop-by-hop header at all, so this is allocated only when one shows up.
     */
    private static final class Drops {
        private CharSequence[] names = new CharSequence[4];
        private int count;

        static Drops add(Drops drops, CharSequence name) {
            Drops list = drops == null ? new Drops() : drops;
            if (list.count == list.names.length) {
                list.names = java.util.Arrays.copyOf(list.names, list.count * 2);
            }
            list.names[list.count++] = name;
            return list;
        }

        static void removeAll(Drops drops, HttpHeaders headers) {
            if (drops != null) {
                for (int i = 0; i < drops.count; i++) {
                    headers.remove(drops.names[i]);
                }
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
