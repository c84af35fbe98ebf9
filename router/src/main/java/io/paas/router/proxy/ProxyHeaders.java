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

    /** What one pass over the client's request headers found: everything the router decides on, no second lookup. */
    static final class Scan {
        String host;
        String givenRequestId;
        CharSequence connection;
        CharSequence upgrade;
        CharSequence contentLength;
        boolean transferEncoding;
        private CharSequence forwardedFor;
        private CharSequence via;
        private boolean forwardedHost;
        /** Names that never reach the app. */
        private Drops drops;
        /** Connection and Upgrade: they reach the app only with an upgrade. */
        private Drops hopNames;

        boolean keepAlive() {
            return connection == null || !containsToken(connection, "close");
        }

        /** The client's X-Request-Id when it sent one (a router in front of us), else a new one. */
        String requestId() {
            return givenRequestId != null && !givenRequestId.isEmpty() && givenRequestId.length() <= 200
                    ? givenRequestId : newRequestId();
        }
    }

    static Scan scan(HttpHeaders headers) {
        Scan scan = new Scan();
        for (Map.Entry<CharSequence, CharSequence> header : (Iterable<Map.Entry<CharSequence, CharSequence>>) headers::iteratorCharSequence) {
            CharSequence name = header.getKey();
            CharSequence value = header.getValue();
            switch (HopByHop.kind(name)) {
                case HopByHop.HOST -> {
                    if (scan.host == null) {
                        scan.host = value.toString();
                    }
                }
                case HopByHop.CONNECTION -> {
                    scan.connection = joined(scan.connection, value);
                    scan.hopNames = Drops.add(scan.hopNames, name);
                }
                case HopByHop.UPGRADE -> {
                    if (scan.upgrade == null) {
                        scan.upgrade = value;
                    }
                    scan.hopNames = Drops.add(scan.hopNames, name);
                }
                case HopByHop.FORWARDED_FOR -> {
                    if (scan.forwardedFor == null) {
                        scan.forwardedFor = value;
                    }
                    scan.drops = Drops.add(scan.drops, name);
                }
                case HopByHop.VIA -> {
                    if (scan.via == null) {
                        scan.via = value;
                    }
                    scan.drops = Drops.add(scan.drops, name);
                }
                case HopByHop.FORWARDED_HOST -> scan.forwardedHost = true;
                case HopByHop.CONTENT_LENGTH -> {
                    if (scan.contentLength == null) {
                        scan.contentLength = value;
                    }
                }
                case HopByHop.TRANSFER_ENCODING -> scan.transferEncoding = true;
                case HopByHop.REPLACED -> {
                    if (scan.givenRequestId == null && name.length() == REQUEST_ID_NAME.length()) {
                        scan.givenRequestId = value.toString();
                    }
                    scan.drops = Drops.add(scan.drops, name);
                }
                case HopByHop.DROP -> scan.drops = Drops.add(scan.drops, name);
                // Transfer-Encoding frames the body on both sides; the rest goes to the app as sent.
                default -> { }
            }
        }
        return scan;
    }

    /**
     * Turns the client's request headers into the app's, from their scan: hop-by-hop ones out
     * (Connection and Upgrade stay for an upgrade), the router's own in.
     */
    static void toApp(HttpHeaders headers, Scan scan, String clientAddress, boolean ssl, int localPort, String requestId,
                      boolean upgrade) {
        Drops.removeAll(scan.drops, headers);
        if (!upgrade) {
            Drops.removeAll(scan.hopNames, headers);
            removeNamedIn(scan.connection, headers);
        }
        String host = scan.host;
        if (scan.forwardedHost && host != null) {
            // A client's X-Forwarded-Host stays only when it sent no Host of its own.
            headers.remove(FORWARDED_HOST);
        }
        if (clientAddress != null) {
            // Append, as every hop does, so the chain stays readable when something sits in front of us.
            headers.add(FORWARDED_FOR, scan.forwardedFor == null ? clientAddress : scan.forwardedFor + ", " + clientAddress);
        }
        headers.add(FORWARDED_PROTO, ssl ? HTTPS : HTTP);
        if (host != null) {
            headers.add(FORWARDED_HOST, host);
        }
        if (localPort > 0) {
            headers.add(FORWARDED_PORT, portText(localPort));
        }
        headers.add(REQUEST_ID, requestId);
        headers.add(VIA, scan.via == null ? VIA_VALUE : scan.via + ", " + VIA_VALUE);
    }

    /** toClient's findings about the app's answer. */
    static final int APP_KEEP_ALIVE = 1;
    static final int CHUNKED = 2;
    static final int HAS_LENGTH = 4;

    /**
     * Turns the app's answer headers into the client's: hop-by-hop ones out, X-Request-Id and HSTS in.
     * Returns what the router needs to know about the answer's framing (APP_KEEP_ALIVE, CHUNKED, HAS_LENGTH).
     */
    static int toClient(HttpHeaders headers, boolean http11, String requestId, boolean hsts, boolean upgrade) {
        CharSequence connection = null;
        boolean hasRequestId = false;
        int found = 0;
        Drops drops = null;
        for (Map.Entry<CharSequence, CharSequence> header : (Iterable<Map.Entry<CharSequence, CharSequence>>) headers::iteratorCharSequence) {
            CharSequence name = header.getKey();
            switch (HopByHop.kind(name)) {
                case HopByHop.CONNECTION -> {
                    connection = joined(connection, header.getValue());
                    if (!upgrade) {
                        drops = Drops.add(drops, name);
                    }
                }
                case HopByHop.UPGRADE -> {
                    if (!upgrade) {
                        drops = Drops.add(drops, name);
                    }
                }
                case HopByHop.DROP -> drops = Drops.add(drops, name);
                case HopByHop.TRANSFER_ENCODING -> {
                    if (containsToken(header.getValue(), "chunked")) {
                        found |= CHUNKED;
                    }
                }
                case HopByHop.CONTENT_LENGTH -> found |= HAS_LENGTH;
                case HopByHop.REPLACED -> {
                    if (!hasRequestId && name.length() == 12 && AsciiString.contentEqualsIgnoreCase(name, REQUEST_ID_NAME)) {
                        hasRequestId = true;
                    }
                }
                default -> { }
            }
        }
        if (http11 ? connection == null || !containsToken(connection, "close") : connection != null && containsToken(connection, "keep-alive")) {
            found |= APP_KEEP_ALIVE;
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
        return found;
    }

    /** Several Connection lines are one list (RFC 9110 5.3): every name in any of them is hop-by-hop. */
    private static CharSequence joined(CharSequence list, CharSequence more) {
        return list == null ? more : list + ", " + more;
    }

    /** True when the comma-separated header value lists token (case-insensitive), e.g. "keep-alive, Upgrade". */
    static boolean containsToken(CharSequence value, String token) {
        int length = value.length();
        int start = 0;
        while (start < length) {
            int end = start;
            while (end < length && value.charAt(end) != ',') {
                end++;
            }
            int from = start;
            int to = end;
            while (from < to && value.charAt(from) == ' ') {
                from++;
            }
            while (to > from && value.charAt(to - 1) == ' ') {
                to--;
            }
            if (to - from == token.length() && AsciiString.regionMatches(value, true, from, token, 0, token.length())) {
                return true;
            }
            start = end + 1;
        }
        return false;
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
