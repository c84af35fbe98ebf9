package io.paas.router.proxy;

import io.netty.util.AsciiString;

/**
 * Sorts a header name into what ProxyHeaders does with it, by length first and then a
 * case-insensitive compare: cheaper than hashing the name into a set on every header of every request.
 */
final class HopByHop {
    /** Copied as is. */
    static final int COPY = 0;
    /** Hop-by-hop: never crosses the router (Keep-Alive, Proxy-Connection, TE, Trailer, HTTP/2 conversion names). */
    static final int DROP = 1;
    static final int CONNECTION = 2;
    static final int UPGRADE = 3;
    static final int HOST = 4;
    static final int FORWARDED_FOR = 5;
    static final int FORWARDED_HOST = 6;
    static final int VIA = 7;
    /** Set by the router towards the app: X-Forwarded-Proto, X-Forwarded-Port, X-Request-Id. */
    static final int REPLACED = 8;
    /** Message framing: the codec on each side writes its own (chunked or not), never copied blindly. */
    static final int TRANSFER_ENCODING = 9;
    static final int CONTENT_LENGTH = 10;

    private static final String HTTP2_PREFIX = "x-http2-";

    private HopByHop() {
    }

    static int kind(CharSequence name) {
        switch (name.length()) {
            case 2:
                return is(name, "te") ? DROP : COPY;
            case 3:
                return is(name, "via") ? VIA : COPY;
            case 4:
                return is(name, "host") ? HOST : COPY;
            case 7:
                return is(name, "upgrade") ? UPGRADE : is(name, "trailer") ? DROP : COPY;
            case 10:
                return is(name, "connection") ? CONNECTION : is(name, "keep-alive") ? DROP : COPY;
            case 12:
                return is(name, "x-request-id") ? REPLACED : http2(name);
            case 14:
                return is(name, "content-length") ? CONTENT_LENGTH : http2(name);
            case 15:
                return is(name, "x-forwarded-for") ? FORWARDED_FOR : http2(name);
            case 16:
                return is(name, "x-forwarded-host") ? FORWARDED_HOST
                        : is(name, "x-forwarded-port") ? REPLACED : is(name, "proxy-connection") ? DROP : http2(name);
            case 17:
                return is(name, "transfer-encoding") ? TRANSFER_ENCODING : is(name, "x-forwarded-proto") ? REPLACED : http2(name);
            default:
                return http2(name);
        }
    }

    /** Netty's HTTP/2 -> HTTP/1.1 conversion adds x-http2-stream-id and friends: they describe our hop only. */
    private static int http2(CharSequence name) {
        return name.length() > HTTP2_PREFIX.length() && (name.charAt(0) == 'x' || name.charAt(0) == 'X')
                && is(name, HTTP2_PREFIX) ? DROP : COPY;
    }

    private static boolean is(CharSequence name, String lowerCase) {
        return AsciiString.regionMatches(name, true, 0, lowerCase, 0, lowerCase.length());
    }
}
