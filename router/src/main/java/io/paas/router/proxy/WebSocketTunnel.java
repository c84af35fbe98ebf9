package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.paas.router.routes.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.NetSocket;

/**
 * WebSocket (any HTTP/1.1 Upgrade) pass-through: the handshake goes to an endpoint, and on its 101
 * both sockets are spliced byte for byte. The tunnel holds its own two sockets only, so a route
 * table swap never touches it; it closes when either side closes or after the app's idle window.
 */
final class WebSocketTunnel {
    private final Vertx vertx;
    private final HttpClient client;
    private final Completion completion;

    WebSocketTunnel(Vertx vertx, HttpClient client, Completion completion) {
        this.vertx = vertx;
        this.client = client;
        this.completion = completion;
    }

    static boolean isUpgrade(HttpServerRequest request) {
        return request.method() == HttpMethod.GET && request.headers().contains("upgrade")
                && request.headers().contains("connection", "upgrade", true);
    }

    void open(Exchange exchange) {
        HttpServerRequest request = exchange.request;
        request.pause();
        attempt(exchange, null);
    }

    private void attempt(Exchange exchange, Endpoint tried) {
        AppRoute route = exchange.route;
        HttpServerRequest request = exchange.request;
        Endpoint endpoint = route.pick(tried, System.nanoTime());
        if (endpoint == null) {
            refuse(exchange, ErrorPages.upstreamFailed(route.app()));
            return;
        }
        exchange.endpoint = endpoint;
        exchange.attempts++;
        RequestOptions options = new RequestOptions().setServer(endpoint.address()).setMethod(HttpMethod.GET)
                .setURI(request.uri()).setConnectTimeout(route.policy().connectTimeoutMs());
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                endpoint.failed(System.nanoTime());
                route.metrics().upstreamError();
                if (exchange.attempts < Forwarder.MAX_ATTEMPTS && exchange.attempts < route.endpointCount()) {
                    attempt(exchange, endpoint);
                } else {
                    refuse(exchange, ErrorPages.upstreamFailed(route.app()));
                }
                return;
            }
            endpoint.succeeded();
            HttpClientRequest upstream = opened.result();
            if (request.authority() != null) {
                upstream.authority(request.authority());
            }
            ProxyHeaders.toApp(request, exchange.clientAddress(), upstream.headers(), exchange.requestId, true);
            upstream.exceptionHandler(error -> { });
            upstream.idleTimeout(route.policy().readTimeoutMs());
            upstream.connect().onComplete(answered -> {
                if (answered.failed()) {
                    route.metrics().upstreamError();
                    refuse(exchange, ErrorPages.upstreamFailed(route.app()));
                } else if (answered.result().statusCode() != 101) {
                    relayRefusal(exchange, answered.result());
                } else {
                    splice(exchange, answered.result());
                }
            });
        });
    }

    private void splice(Exchange exchange, HttpClientResponse answer) {
        HttpServerResponse response = exchange.request.response();
        response.setStatusCode(101);
        ProxyHeaders.toClient(answer.headers(), response.headers(), exchange.requestId, false, true);
        NetSocket app = answer.netSocket();
        exchange.request.toNetSocket().onComplete(upgraded -> {
            if (upgraded.failed()) {
                app.close();
                completion.done(exchange, 499);
                return;
            }
            NetSocket user = upgraded.result();
            completion.done(exchange, 101);
            long idleMs = exchange.route.policy().idleTimeoutMs();
            long[] lastActivity = {System.nanoTime()};
            user.handler(data -> {
                lastActivity[0] = System.nanoTime();
                app.write(data);
                if (app.writeQueueFull()) {
                    user.pause();
                    app.drainHandler(v -> user.resume());
                }
            });
            app.handler(data -> {
                lastActivity[0] = System.nanoTime();
                user.write(data);
                if (user.writeQueueFull()) {
                    app.pause();
                    user.drainHandler(v -> app.resume());
                }
            });
            long timer = vertx.setPeriodic(Math.max(100, idleMs / 4), id -> {
                if (System.nanoTime() - lastActivity[0] > idleMs * 1_000_000L) {
                    user.close();
                    app.close();
                }
            });
            user.closeHandler(v -> {
                vertx.cancelTimer(timer);
                app.close();
            });
            app.closeHandler(v -> {
                vertx.cancelTimer(timer);
                user.close();
            });
            user.resume();
            app.resume();
        });
    }

    /** The app said no to the upgrade (401, 404...): the user sees its answer. */
    private void relayRefusal(Exchange exchange, HttpClientResponse answer) {
        HttpServerResponse response = exchange.request.response();
        response.setStatusCode(answer.statusCode());
        ProxyHeaders.toClient(answer.headers(), response.headers(), exchange.requestId, false, false);
        exchange.request.resume();
        answer.body().onComplete(body -> {
            response.end(body.succeeded() ? body.result() : io.vertx.core.buffer.Buffer.buffer());
            completion.done(exchange, answer.statusCode());
        });
    }

    private void refuse(Exchange exchange, ErrorPages.Page page) {
        exchange.request.resume();
        page.send(exchange.request.response());
        completion.done(exchange, page.status());
    }
}
