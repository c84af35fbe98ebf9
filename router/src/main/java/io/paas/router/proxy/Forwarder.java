package io.paas.router.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.paas.router.routes.AppRoute;
import io.paas.router.routes.Endpoint;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Carries a request to an endpoint of its app over one of the event loop's keep-alive connections
 * and the answer back, part by part, with back-pressure both ways. A refused connection has sent
 * nothing, so the request moves to another endpoint whatever its method; a connection broken after
 * sending is retried only for idempotent requests without a body. Endpoints that refuse are taken
 * out (Endpoint.failed). An upgrade (WebSocket) answered 101 turns both connections into a byte
 * tunnel (Relay). One per event loop, used only from it.
 */
final class Forwarder {
    static final int MAX_ATTEMPTS = 3;

    private final UpstreamPool pool;
    private final UpstreamTimeouts timeouts;
    private final Completion completion;

    Forwarder(UpstreamPool pool, UpstreamTimeouts timeouts, Completion completion) {
        this.pool = pool;
        this.timeouts = timeouts;
        this.completion = completion;
    }

    void forward(Exchange exchange) {
        AppRoute route = exchange.route;
        Endpoint endpoint = route.pick(exchange.endpoint, System.nanoTime());
        if (endpoint == null) {
            fail(exchange, ErrorPages.upstreamFailed(route.app()));
            return;
        }
        exchange.endpoint = endpoint;
        exchange.attempts++;
        endpoint.started();
        timeouts.awaitAnswer(exchange, route.policy().readTimeoutMs());
        Upstream idle = exchange.upgrade ? null : pool.lease(endpoint);
        if (idle != null) {
            send(exchange, idle);
            return;
        }
        if (exchange.hasBody && !exchange.requestRead) {
            // Not a byte more is read until an endpoint accepted the connection: the body stays replayable.
            exchange.front.readFromClient(false);
        }
        Upstream upstream = new Upstream(endpoint, this, pool);
        ChannelFuture connecting = pool.connect(endpoint, route.policy().connectTimeoutMs(), upstream);
        connecting.addListener(done -> {
            if (exchange.finished() || exchange.front.current != exchange) {
                // The client left (or the exchange timed out) while we were connecting: keep the connection.
                endpoint.finished();
                if (done.isSuccess()) {
                    pool.release(upstream);
                }
                return;
            }
            if (done.isSuccess()) {
                endpoint.succeeded();
                send(exchange, upstream);
                return;
            }
            endpoint.finished();
            endpoint.failed(System.nanoTime());
            route.metrics().upstreamError();
            if (done.cause() instanceof ConnectTimeoutException) {
                timeouts.done(exchange);
                fail(exchange, ErrorPages.timedOut(route.app(), route.policy().connectTimeoutMs()));
            } else if (exchange.attempts < MAX_ATTEMPTS && exchange.attempts < route.endpointCount()) {
                forward(exchange);
            } else {
                timeouts.done(exchange);
                fail(exchange, ErrorPages.upstreamFailed(route.app()));
            }
        });
    }

    private void send(Exchange exchange, Upstream upstream) {
        exchange.upstream = upstream;
        upstream.exchange = exchange;
        Channel channel = upstream.channel;
        // The exchange keeps its own reference: a retry sends the same head again.
        channel.write(ReferenceCountUtil.retain(exchange.request), channel.voidPromise());
        if (exchange.request instanceof LastHttpContent) {
            exchange.requestSent = true;
        } else if (!exchange.hasBody) {
            exchange.releaseWaiting();
            channel.write(LastHttpContent.EMPTY_LAST_CONTENT, channel.voidPromise());
            exchange.requestSent = true;
        } else {
            List<HttpContent> waiting = exchange.waiting;
            exchange.waiting = null;
            if (waiting != null) {
                for (HttpContent content : waiting) {
                    sendBody(exchange, channel, content);
                }
            }
            if (!exchange.requestRead) {
                exchange.front.readFromClient(channel.isWritable());
            }
        }
        channel.flush();
    }

    /** A part of the client's body: straight on when the app connection is there, else kept until it is. */
    void body(Exchange exchange, HttpContent content) {
        long max = exchange.route.policy().maxBodyBytes();
        if (max > 0) {
            exchange.bodyBytes += content.content().readableBytes();
            if (exchange.bodyBytes > max) {
                content.release();
                tooLarge(exchange);
                return;
            }
        }
        if (!exchange.hasBody) {
            content.release();
            return;
        }
        Upstream upstream = exchange.upstream;
        if (upstream == null) {
            exchange.keepWaiting(content);
            return;
        }
        sendBody(exchange, upstream.channel, content);
        if (!upstream.channel.isWritable()) {
            exchange.front.readFromClient(false);
        }
    }

    private static void sendBody(Exchange exchange, Channel channel, HttpContent content) {
        if (content instanceof LastHttpContent) {
            exchange.requestSent = true;
        }
        channel.write(content, channel.voidPromise());
    }

    /** Everything the app sends for the exchange: the head, body parts, the end. */
    void fromApp(Exchange exchange, Upstream upstream, Object msg) {
        FrontDoor front = exchange.front;
        if (msg instanceof HttpResponse head) {
            if (!head(exchange, upstream, head)) {
                return;
            }
        }
        if (msg instanceof HttpContent content) {
            if (exchange.interim) {
                // The end of a 100 Continue: the real answer follows.
                exchange.interim = !(content instanceof LastHttpContent);
                content.release();
                return;
            }
            exchange.bytesOut += content.content().readableBytes();
            front.write(msg);
            if (content instanceof LastHttpContent) {
                answered(exchange, upstream);
            } else if (!front.writable()) {
                upstream.channel.config().setAutoRead(false);
            }
        } else if (!(msg instanceof HttpResponse)) {
            ReferenceCountUtil.release(msg);
        }
    }

    /** @return false when msg was fully handled here (interim answer, upgrade) */
    private boolean head(Exchange exchange, Upstream upstream, HttpResponse head) {
        FrontDoor front = exchange.front;
        int status = head.status().code();
        HttpHeaders headers = head.headers();
        if (status == 101 && exchange.upgrade) {
            tunnel(exchange, upstream, head);
            return false;
        }
        if (status < 200) {
            // 100 Continue and other interim answers pass through, whole (HTTP/2 sends them as one HEADERS
            // frame); the decoder's end of this interim answer is dropped and the exchange goes on.
            exchange.interim = !(head instanceof LastHttpContent);
            ProxyHeaders.toClient(headers, true, exchange.requestId, false, false);
            DefaultFullHttpResponse interim = new DefaultFullHttpResponse(head.protocolVersion(), head.status(),
                    Unpooled.EMPTY_BUFFER, headers, EmptyHttpHeaders.INSTANCE);
            front.write(interim);
            ReferenceCountUtil.release(head);
            return false;
        }
        exchange.status = status;
        exchange.headSent = true;
        timeouts.streaming(exchange, exchange.route.policy().idleTimeoutMs());
        int framing = ProxyHeaders.toClient(headers, head.protocolVersion() == HttpVersion.HTTP_1_1,
                exchange.requestId, exchange.route.policy().tlsEnforce() && front.ssl, false);
        exchange.appKeepAlive = (framing & ProxyHeaders.APP_KEEP_ALIVE) != 0;
        if (!front.http2) {
            boolean delimited = (framing & (ProxyHeaders.CHUNKED | ProxyHeaders.HAS_LENGTH)) != 0 || !mayHaveBody(exchange.method, status);
            if (exchange.clientHttp10) {
                // No chunked encoding in HTTP/1.0: the body runs to the close of the connection.
                if ((framing & ProxyHeaders.CHUNKED) != 0) {
                    HttpUtil.setTransferEncodingChunked(head, false);
                }
            } else if (!delimited) {
                // The app ends its body by closing: our client gets it chunked and keeps its connection.
                HttpUtil.setTransferEncodingChunked(head, true);
                exchange.appKeepAlive = false;
            }
            if (!exchange.requestRead && exchange.hasBody) {
                // The app answers before the client finished its body: close after, rather than read on.
                exchange.clientKeepAlive = false;
            }
            if (front.draining()) {
                // A request that came before the drain began: its answer tells the client to go elsewhere next.
                exchange.clientKeepAlive = false;
            }
            if (!exchange.clientKeepAlive) {
                headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }
        head.setProtocolVersion(HttpVersion.HTTP_1_1);
        if (!(head instanceof HttpContent)) {
            front.write(head);
        }
        return true;
    }

    private static boolean mayHaveBody(HttpMethod method, int status) {
        return method != HttpMethod.HEAD && status != 204 && status != 304;
    }

    /** The answer is complete: the app connection goes back to the pool when it can carry another request. */
    private void answered(Exchange exchange, Upstream upstream) {
        timeouts.done(exchange);
        detach(exchange, upstream);
        if (exchange.appKeepAlive && exchange.requestSent && upstream.channel.isActive()) {
            upstream.channel.config().setAutoRead(true);
            pool.release(upstream);
        } else {
            upstream.channel.close();
        }
        completion.done(exchange, exchange.status);
        exchange.front.ended(exchange);
    }

    /** The app connection closed while carrying the exchange. */
    void appClosed(Exchange exchange, Upstream upstream) {
        detach(exchange, upstream);
        timeouts.done(exchange);
        AppRoute route = exchange.route;
        route.metrics().upstreamError();
        if (exchange.headSent) {
            completion.done(exchange, exchange.status);
            exchange.front.cut(exchange);
            return;
        }
        if (!exchange.hasBody && idempotent(exchange.method) && exchange.attempts < MAX_ATTEMPTS
                && exchange.front.current == exchange) {
            // Often a pooled connection the app closed just as we reused it: try again, same endpoint allowed.
            if (route.endpointCount() <= 1) {
                exchange.endpoint = null;
            }
            forward(exchange);
        } else {
            fail(exchange, ErrorPages.upstreamFailed(route.app()));
        }
    }

    /** The sweep found the exchange past its read or idle window. */
    void expired(Exchange exchange) {
        dropUpstream(exchange);
        AppRoute route = exchange.route;
        route.metrics().upstreamError();
        if (exchange.headSent) {
            completion.done(exchange, exchange.status);
            exchange.front.cut(exchange);
        } else {
            fail(exchange, ErrorPages.timedOut(route.app(), route.policy().readTimeoutMs()));
        }
    }

    /** The client closed its connection (or reset its stream) before the answer was complete. */
    void clientGone(Exchange exchange) {
        timeouts.done(exchange);
        dropUpstream(exchange);
        exchange.release();
        completion.done(exchange, exchange.headSent ? exchange.status : 499);
    }

    private void tooLarge(Exchange exchange) {
        dropUpstream(exchange);
        timeouts.done(exchange);
        exchange.requestRead = true;
        exchange.clientKeepAlive = false;
        ErrorPages.Page page = ErrorPages.tooLarge(exchange.route.policy().maxBodyBytes());
        completion.done(exchange, page.status());
        exchange.front.answer(exchange, page.response());
    }

    /**
     * Lets go of the exchange's app connection, if it has one, mid-exchange: the app may still be
     * writing, so the connection cannot carry another request and is closed.
     */
    private static void dropUpstream(Exchange exchange) {
        Upstream upstream = exchange.upstream;
        if (upstream != null) {
            detach(exchange, upstream);
            upstream.channel.close();
        }
    }

    /** The exchange and its app connection part: the endpoint has one request fewer in flight. */
    private static void detach(Exchange exchange, Upstream upstream) {
        upstream.exchange = null;
        exchange.upstream = null;
        exchange.endpoint.finished();
    }

    private void fail(Exchange exchange, ErrorPages.Page page) {
        if (exchange.front.current != exchange) {
            completion.done(exchange, 499);
            return;
        }
        completion.done(exchange, page.status());
        exchange.front.answer(exchange, page.response());
    }

    /**
     * The app accepted the upgrade: the 101 goes to the client, then both connections drop HTTP and
     * relay bytes until either side closes or the app's idle window passes in silence.
     */
    private void tunnel(Exchange exchange, Upstream upstream, HttpResponse head) {
        timeouts.done(exchange);
        detach(exchange, upstream);
        FrontDoor front = exchange.front;
        ProxyHeaders.toClient(head.headers(), true, exchange.requestId, false, true);
        exchange.status = 101;
        exchange.headSent = true;
        front.write(head);
        completion.done(exchange, 101);
        exchange.release();
        front.current = null;
        Channel app = upstream.channel;
        Channel user = front.channel;
        ChannelPipeline appSide = app.pipeline();
        appSide.replace(Upstream.NAME, Relay.NAME, new Relay(user));
        appSide.remove(UpstreamPool.CODEC);
        ChannelPipeline userSide = user.pipeline();
        long idleMs = exchange.route.policy().idleTimeoutMs();
        userSide.addBefore(FrontDoor.NAME, "idle", new IdleStateHandler(0, 0, idleMs, TimeUnit.MILLISECONDS));
        userSide.replace(FrontDoor.NAME, Relay.NAME, new Relay(app));
        userSide.remove(HttpServerCodec.class);
        user.flush();
        app.config().setAutoRead(true);
        user.config().setAutoRead(true);
    }

    static boolean idempotent(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.PUT
                || method == HttpMethod.DELETE || method == HttpMethod.OPTIONS;
    }
}
