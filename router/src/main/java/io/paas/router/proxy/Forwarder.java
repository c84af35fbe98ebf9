package io.paas.router.proxy;

import io.paas.router.routes.AppRoute;
import io.paas.router.routes.Endpoint;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

import java.util.concurrent.TimeoutException;

/**
 * Sends one request to an endpoint of its app over the event loop's pooled keep-alive client and
 * streams the answer back. A refused connection has sent nothing, so the request moves to another
 * endpoint whatever its method; a connection broken after sending is retried only for idempotent
 * requests without a body. Endpoints that refuse are taken out (Endpoint.failed).
 */
final class Forwarder {
    static final int MAX_ATTEMPTS = 3;
    private static final io.vertx.core.Handler<Throwable> IGNORE = error -> { };

    private final HttpClient client;
    private final UpstreamTimeouts timeouts;
    private final Completion completion;

    Forwarder(HttpClient client, UpstreamTimeouts timeouts, Completion completion) {
        this.client = client;
        this.timeouts = timeouts;
        this.completion = completion;
    }

    void forward(Exchange exchange, boolean hasBody) {
        if (hasBody) {
            // Not a byte is read until an endpoint accepted the connection: the body stays replayable.
            exchange.request.pause();
        }
        attempt(exchange, null, hasBody);
    }

    private void attempt(Exchange exchange, Endpoint tried, boolean hasBody) {
        AppRoute route = exchange.route;
        Endpoint endpoint = route.pick(tried, System.nanoTime());
        if (endpoint == null) {
            fail(exchange, ErrorPages.upstreamFailed(route.app()));
            return;
        }
        exchange.endpoint = endpoint;
        exchange.attempts++;
        endpoint.started();
        HttpServerRequest request = exchange.request;
        RequestOptions options = new RequestOptions()
                .setServer(endpoint.address())
                .setMethod(request.method())
                .setURI(request.uri())
                .setConnectTimeout(route.policy().connectTimeoutMs());
        client.request(options).onComplete(opened -> {
            if (opened.succeeded()) {
                send(exchange, endpoint, opened.result(), hasBody);
            } else {
                endpoint.finished();
                endpoint.failed(System.nanoTime());
                route.metrics().upstreamError();
                if (exchange.attempts < MAX_ATTEMPTS && exchange.attempts < route.endpointCount() && !clientGone(exchange)) {
                    attempt(exchange, endpoint, hasBody);
                } else {
                    fail(exchange, ErrorPages.upstreamFailed(route.app()));
                }
            }
        });
    }

    private void send(Exchange exchange, Endpoint endpoint, HttpClientRequest upstream, boolean hasBody) {
        HttpServerRequest request = exchange.request;
        if (request.authority() != null) {
            upstream.authority(request.authority());
        }
        ProxyHeaders.toApp(request, exchange.clientAddress(), upstream.headers(), exchange.requestId, false);
        // Failures arrive through the answer future; without a handler Vert.x would also log them as SEVERE.
        upstream.exceptionHandler(IGNORE);
        UpstreamTimeouts.Watch watch = timeouts.awaitAnswer(upstream, request.response(),
                exchange.route.policy().readTimeoutMs());
        Future<HttpClientResponse> answer;
        if (!hasBody) {
            answer = upstream.send();
        } else if (exchange.route.policy().maxBodyBytes() > 0 && request.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            answer = BoundedBody.send(request, upstream, exchange.route.policy().maxBodyBytes());
        } else {
            answer = upstream.send(request);
        }
        answer.onComplete(result -> answered(exchange, endpoint, upstream, watch, result, hasBody));
    }

    private void answered(Exchange exchange, Endpoint endpoint, HttpClientRequest upstream, UpstreamTimeouts.Watch watch,
                          AsyncResult<HttpClientResponse> result, boolean hasBody) {
        AppRoute route = exchange.route;
        if (result.failed()) {
            timeouts.done(watch);
            endpoint.finished();
            Throwable error = result.cause();
            if (error instanceof BoundedBody.TooLarge) {
                completion.done(exchange, BodyLimit.refuse(exchange));
                return;
            }
            route.metrics().upstreamError();
            if (watch.expired() || isTimeout(error)) {
                fail(exchange, ErrorPages.timedOut(route.app(), route.policy().readTimeoutMs()));
            } else if (!hasBody && idempotent(exchange.request.method()) && exchange.attempts < MAX_ATTEMPTS
                    && !clientGone(exchange)) {
                // Often a pooled connection the app closed just as we reused it: try again, same endpoint allowed.
                attempt(exchange, route.endpointCount() > 1 ? endpoint : null, false);
            } else {
                fail(exchange, ErrorPages.upstreamFailed(route.app()));
            }
            return;
        }
        endpoint.succeeded();
        HttpClientResponse answer = result.result();
        HttpServerResponse response = exchange.request.response();
        if (clientGone(exchange)) {
            timeouts.done(watch);
            endpoint.finished();
            upstream.reset();
            return;
        }
        response.setStatusCode(answer.statusCode());
        String message = answer.statusMessage();
        if (message != null) {
            response.setStatusMessage(message);
        }
        ProxyHeaders.toClient(answer.headers(), response.headers(), exchange.requestId,
                route.policy().tlsEnforce() && exchange.request.isSSL(), false);
        if (!answer.headers().contains(HttpHeaders.CONTENT_LENGTH) && hasBodyToClient(exchange, answer.statusCode())
                && exchange.request.version() != HttpVersion.HTTP_1_0) {
            response.setChunked(true);
        }
        // Past the first byte the read timeout becomes the idle window (SSE and long downloads stream on).
        timeouts.streaming(watch, route.policy().idleTimeoutMs());
        int status = answer.statusCode();
        // endOnFailure(false): an answer cut short (app gone, idle timeout) must reach the client as a cut
        // connection, never as a complete-looking response.
        answer.pipe().endOnFailure(false).to(response).onComplete(piped -> {
            timeouts.done(watch);
            endpoint.finished();
            if (piped.failed()) {
                upstream.reset();
                if (!response.ended()) {
                    response.reset();
                }
            }
            completion.done(exchange, status);
        });
    }

    private void fail(Exchange exchange, ErrorPages.Page page) {
        if (clientGone(exchange)) {
            completion.done(exchange, 499);
            return;
        }
        exchange.request.response().putHeader(ProxyHeaders.REQUEST_ID, exchange.requestId);
        page.send(exchange.request.response());
        completion.done(exchange, page.status());
    }

    private static boolean clientGone(Exchange exchange) {
        return exchange.request.response().closed();
    }

    private static boolean hasBodyToClient(Exchange exchange, int status) {
        return exchange.request.method() != HttpMethod.HEAD && status != 204 && status != 304 && status >= 200;
    }

    static boolean idempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.PUT
                || method == HttpMethod.DELETE || method == HttpMethod.OPTIONS;
    }

    private static boolean isTimeout(Throwable error) {
        return error instanceof TimeoutException
                || (error != null && error.getClass().getSimpleName().contains("Timeout"));
    }
}
