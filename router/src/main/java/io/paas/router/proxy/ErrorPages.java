package io.paas.router.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.AsciiString;

import java.nio.charset.StandardCharsets;

/** The router's own small HTML answers, so users can tell "the router says" from "the app says". */
public final class ErrorPages {
    public static final AsciiString ROUTER_HEADER = AsciiString.cached("x-paas-router");
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("text/html; charset=utf-8");
    private static final AsciiString NO_STORE = AsciiString.cached("no-store");
    private static final AsciiString ONE = AsciiString.cached("1");
    private static final Page BAD_REQUEST = new Page(400, "Bad request", "Bad request",
            "The router could not read this request: its request line or headers are malformed.");
    private static final Page HEADERS_TOO_LARGE = new Page(431, "Headers too large", "Request headers too large",
            "The request's headers are larger than the router accepts (32 KB).");
    private static final Page URI_TOO_LONG = new Page(414, "URI too long", "Request line too long",
            "The request's URL is longer than the router accepts (8 KB).");

    private ErrorPages() {
    }

    /** 404: no app has this host. */
    public static Page unknownHost(String host) {
        String shown = host == null || host.isEmpty() ? "this address (the request has no Host header)" : host;
        return new Page(404, "No app here", "No app at " + escape(shown),
                "No app on this platform answers to this address. Run <code>paas apps</code> to list your apps and their URLs.");
    }

    /** 431 / 414 / 400: the request line or headers are too long, or could not be parsed. */
    public static Page unreadable(Throwable cause) {
        if (cause instanceof TooLongHttpHeaderException) {
            return HEADERS_TOO_LARGE;
        }
        return cause instanceof TooLongHttpLineException ? URI_TOO_LONG : BAD_REQUEST;
    }

    /** 503: the router has not received routes yet (just started, controller not reached). */
    public static Page notLoaded() {
        return new Page(503, "Router starting", "The router is starting",
                "It has not received the route table from the controller yet. Try again in a moment.");
    }

    /** 503: the app exists but runs no web process. */
    public static Page noWebProcess(String app) {
        String name = escape(app);
        return new Page(503, "No web process", name + " has no running web process",
                "Start one with <code>paas scale web=1 -a " + name + "</code>; <code>paas ps -a " + name
                        + "</code> shows what runs.");
    }

    /** 502: every endpoint tried refused or broke the connection. */
    public static Page upstreamFailed(String app) {
        String name = escape(app);
        return new Page(502, "App not answering", name + " is not answering",
                "The router could not reach a web process of " + name + ". It may still be starting or it may have "
                        + "crashed: <code>paas ps -a " + name + "</code> shows its processes.");
    }

    /** 504: the app took longer than its read timeout to start answering. */
    public static Page timedOut(String app, int readTimeoutMs) {
        String name = escape(app);
        return new Page(504, "App timed out", name + " did not answer in time",
                "The app did not start its answer within " + readTimeoutMs + " ms. Long work belongs in a worker "
                        + "process; <code>paas logs -a " + name + "</code> shows what it was doing.");
    }

    /** 503 while the owner has switched maintenance mode on. */
    public static Page maintenance(String app) {
        return new Page(503, "Down for maintenance", "Down for maintenance",
                escape(app) + " is down for maintenance. Please try again shortly.");
    }

    /** 403: the client's address is not on the app's allowlist. */
    public static Page forbidden(String address) {
        return new Page(403, "Forbidden", "Access denied",
                "Your address (" + escape(address) + ") is not allowed to reach this app.");
    }

    /** 413: the request body is larger than the app accepts. */
    public static Page tooLarge(long maxBytes) {
        return new Page(413, "Request too large", "Request body too large",
                "This app accepts request bodies up to " + maxBytes + " bytes.");
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A rendered page, sent straight on a server response. */
    public static final class Page {
        private final int status;
        private final byte[] html;

        Page(int status, String title, String heading, String text) {
            this.status = status;
            this.html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title
                    + "</title></head>\n<body style=\"font-family:sans-serif;margin:3em\"><h1>" + heading + "</h1>\n<p>"
                    + text + "</p></body></html>\n").getBytes(StandardCharsets.UTF_8);
        }

        public int status() {
            return status;
        }

        /** A fresh response (headers are added per request); the page's bytes are shared, never copied. */
        public FullHttpResponse response() {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                    Unpooled.wrappedBuffer(html));
            HttpHeaders headers = response.headers();
            headers.set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
            headers.set(HttpHeaderNames.CACHE_CONTROL, NO_STORE);
            headers.set(ROUTER_HEADER, ONE);
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, html.length);
            return response;
        }
    }
}
