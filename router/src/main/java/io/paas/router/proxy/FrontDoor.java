package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;

/**
 * First stop of every request: finds the route, answers unknown hosts and apps without web processes
 * itself, runs the guards (TLS redirect, maintenance, allowlist, body limit) in that order, then hands
 * the request to the WebSocket tunnel or the forwarder.
 */
final class FrontDoor implements Handler<HttpServerRequest> {
    private final RouteLookup lookup;
    private final Guard[] guards;
    private final Forwarder forwarder;
    private final WebSocketTunnel tunnel;
    private final Completion completion;

    FrontDoor(RouteLookup lookup, Guard[] guards, Forwarder forwarder, WebSocketTunnel tunnel, Completion completion) {
        this.lookup = lookup;
        this.guards = guards;
        this.forwarder = forwarder;
        this.tunnel = tunnel;
        this.completion = completion;
    }

    @Override
    public void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        AppRoute route = lookup.find(request);
        if (route == null) {
            ErrorPages.Page page;
            if (!lookup.loaded()) {
                page = ErrorPages.notLoaded();
            } else {
                HostAndPort authority = request.authority();
                page = ErrorPages.unknownHost(authority == null ? null : authority.host());
            }
            page.send(request.response());
            completion.unrouted(request, start, page.status());
            return;
        }
        Exchange exchange = new Exchange(request, route, start, ProxyHeaders.requestId(request));
        for (Guard guard : guards) {
            int answered = guard.answer(exchange);
            if (answered != 0) {
                completion.done(exchange, answered);
                return;
            }
        }
        if (!route.hasEndpoints()) {
            request.response().putHeader(ProxyHeaders.REQUEST_ID, exchange.requestId);
            ErrorPages.Page page = ErrorPages.noWebProcess(route.app());
            page.send(request.response());
            completion.done(exchange, page.status());
        } else if (request.version() != HttpVersion.HTTP_2 && WebSocketTunnel.isUpgrade(request)) {
            tunnel.open(exchange);
        } else {
            forwarder.forward(exchange, hasBody(request));
        }
    }

    private static boolean hasBody(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            return !request.isEnded();
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !"0".equals(length);
        }
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING);
    }
}
