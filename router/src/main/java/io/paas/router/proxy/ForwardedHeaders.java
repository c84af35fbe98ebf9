package io.paas.router.proxy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Tells the app who really called: X-Forwarded-For/-Proto/-Host/-Port, and an X-Request-Id to trace by. */
final class ForwardedHeaders implements ProxyInterceptor {
    static final CharSequence FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    static final CharSequence FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");
    static final CharSequence FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    static final CharSequence FORWARDED_PORT = HttpHeaders.createOptimized("X-Forwarded-Port");
    static final CharSequence REQUEST_ID = HttpHeaders.createOptimized("X-Request-Id");

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        HttpServerRequest incoming = context.request().proxiedRequest();
        MultiMap headers = context.request().headers();

        SocketAddress client = incoming.remoteAddress();
        if (client != null && client.hostAddress() != null) {
            // Append, as every hop does, so the chain stays readable when something sits in front of us.
            String prior = headers.get(FORWARDED_FOR);
            headers.set(FORWARDED_FOR, prior == null ? client.hostAddress() : prior + ", " + client.hostAddress());
        }
        headers.set(FORWARDED_PROTO, incoming.scheme());
        String host = incoming.getHeader(HttpHeaders.HOST);
        if (host != null) {
            headers.set(FORWARDED_HOST, host);
        }
        SocketAddress local = incoming.localAddress();
        if (local != null) {
            headers.set(FORWARDED_PORT, Integer.toString(local.port()));
        }
        if (!headers.contains(REQUEST_ID)) {
            headers.set(REQUEST_ID, newRequestId());
        }
        return context.sendRequest();
    }

    /** A random (version 4) UUID without SecureRandom's lock: ids for tracing, not secrets. */
    static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
