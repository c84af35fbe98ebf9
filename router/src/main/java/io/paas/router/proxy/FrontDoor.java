package io.paas.router.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.paas.router.routes.AppRoute;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;

/**
 * The client's side of the router: one per HTTP/1.1 connection or HTTP/2 stream, the last handler of
 * its pipeline. It finds the route, answers unknown hosts and apps without web processes itself,
 * runs the guards (TLS redirect, maintenance, allowlist, body limit) in that order, then hands the
 * request to the Forwarder. Requests on one connection are answered in order: one pipelined behind
 * the current one waits in a small queue.
 */
final class FrontDoor extends ChannelInboundHandlerAdapter {
    static final String NAME = "proxy";
    /** Pipelined requests read ahead before the router stops reading the connection. */
    private static final int MAX_QUEUED = 32;

    private final Proxy proxy;
    final boolean ssl;
    final boolean http2;
    private ChannelHandlerContext ctx;
    Channel channel;
    private String clientAddress;
    private int localPort;
    Exchange current;
    private ArrayDeque<Object> queued;
    /** An h2c upgrade was attempted: a request it gave back (refused upgrade) is served as HTTP/1.1. */
    private boolean h2cOffered;

    FrontDoor(Proxy proxy, boolean ssl, boolean http2) {
        this.proxy = proxy;
        this.ssl = ssl;
        this.http2 = http2;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
        // An HTTP/2 stream has no socket of its own: the addresses are its connection's.
        Channel socket = http2 && channel.parent() != null ? channel.parent() : channel;
        SocketAddress local = socket.localAddress();
        localPort = local instanceof InetSocketAddress inet ? inet.getPort() : -1;
        SocketAddress remote = socket.remoteAddress();
        clientAddress = remote instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : null;
    }

    String clientAddress() {
        return clientAddress;
    }

    int localPort() {
        return localPort;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if ((queued != null && !queued.isEmpty()) || (current != null && current.requestRead)) {
            queue(msg);
            return;
        }
        handle(msg);
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest request) {
            begin(request);
        } else if (msg instanceof HttpContent content) {
            Exchange exchange = current;
            if (exchange != null && !exchange.requestRead) {
                if (content instanceof LastHttpContent) {
                    exchange.requestRead = true;
                }
                proxy.forwarder.body(exchange, content);
            } else {
                // The rest of a body nobody wants any more (refused request, app answered early).
                content.release();
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void queue(Object msg) {
        if (queued == null) {
            queued = new ArrayDeque<>(4);
        }
        queued.add(msg);
        if (queued.size() >= MAX_QUEUED) {
            channel.config().setAutoRead(false);
        }
    }

    private void begin(HttpRequest request) {
        long start = System.nanoTime();
        if (request.decoderResult().isFailure()) {
            Exchange refused = new Exchange(this, request, null, start, null, null, null, false, false, false);
            current = refused;
            refused.requestRead = true;
            ErrorPages.Page page = ErrorPages.unreadable(request.decoderResult().cause());
            answer(refused, page.response());
            proxy.completion.unrouted(refused, page.status());
            return;
        }
        if (!http2 && !ssl && !h2cOffered && ProxyChannels.wantsH2c(request)) {
            h2cOffered = true;
            ProxyChannels.upgradeToH2c(ctx, proxy, request);
            return;
        }
        HttpHeaders headers = request.headers();
        ProxyHeaders.Scan scan = ProxyHeaders.scan(headers);
        boolean keepAlive = http2 || (request.protocolVersion() == HttpVersion.HTTP_1_1 && scan.keepAlive());
        if (proxy.draining()) {
            keepAlive = http2;
        }
        String host = scan.host;
        boolean full = request instanceof LastHttpContent;
        boolean hasBody = hasBody(request, full, scan);
        String hostName = RouteLookup.hostName(host);
        AppRoute route = proxy.lookup.find(hostName);
        if (route == null) {
            Exchange unrouted = new Exchange(this, request, null, start, null, host, hostName, keepAlive, hasBody, false);
            current = unrouted;
            unrouted.requestRead = full;
            ErrorPages.Page page = proxy.lookup.loaded() ? ErrorPages.unknownHost(hostName) : ErrorPages.notLoaded();
            answer(unrouted, page.response());
            proxy.completion.unrouted(unrouted, page.status());
            return;
        }
        boolean upgrade = !http2 && request.method() == HttpMethod.GET && scan.upgrade != null && scan.connection != null
                && ProxyHeaders.containsToken(scan.connection, "upgrade");
        Exchange exchange = new Exchange(this, request, route, start, scan.requestId(), host, hostName, keepAlive, hasBody,
                upgrade);
        current = exchange;
        exchange.requestRead = full;
        exchange.clientHttp10 = request.protocolVersion() == HttpVersion.HTTP_1_0;
        for (Guard guard : proxy.guards) {
            int answered = guard.answer(exchange);
            if (answered != 0) {
                proxy.completion.done(exchange, answered);
                return;
            }
        }
        if (!route.hasEndpoints()) {
            ErrorPages.Page page = ErrorPages.noWebProcess(route.app());
            answer(exchange, page.response());
            proxy.completion.done(exchange, page.status());
            return;
        }
        ProxyHeaders.toApp(headers, scan, clientAddress, ssl, localPort, exchange.requestId, upgrade);
        if (http2 && !full && scan.contentLength == null) {
            // An HTTP/2 body without a declared length goes to the app chunked.
            HttpUtil.setTransferEncodingChunked(request, true);
        }
        // Keep-alive to the app whatever the client spoke: HTTP/1.0 and HTTP/2 requests go out as HTTP/1.1.
        request.setProtocolVersion(HttpVersion.HTTP_1_1);
        proxy.forwarder.forward(exchange);
    }

    /** The router answers the request itself (error page, redirect): the exchange ends here. */
    void answer(Exchange exchange, FullHttpResponse response) {
        if (exchange.headSent) {
            // The app's answer had started: the only honest signal left is a broken connection.
            response.release();
            cut(exchange);
            return;
        }
        HttpHeaders headers = response.headers();
        if (exchange.requestId != null) {
            headers.set(ProxyHeaders.REQUEST_ID, exchange.requestId);
        }
        if (!exchange.requestRead && exchange.hasBody && !http2) {
            // The body is not read: close afterwards rather than drain megabytes nobody wants.
            exchange.clientKeepAlive = false;
        }
        if (!exchange.clientKeepAlive && !http2) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        exchange.status = response.status().code();
        exchange.headSent = true;
        exchange.bytesOut = response.content().readableBytes();
        ctx.writeAndFlush(response);
        ended(exchange);
    }

    /** The answer to exchange is complete (its last part written): the connection moves on to the next request. */
    void ended(Exchange exchange) {
        exchange.release();
        if (current == exchange) {
            current = null;
        }
        if (http2) {
            ctx.flush();
            return;
        }
        if (!exchange.clientKeepAlive) {
            releaseQueued();
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        while (queued != null && !queued.isEmpty() && (current == null || !current.requestRead)) {
            handle(queued.poll());
        }
        Exchange next = current;
        if (next != null && next.upstream != null) {
            // A pipelined request's body came from the queue, not from a read: no read completion will flush it.
            next.upstream.channel.flush();
        }
        if (queued != null && queued.size() < MAX_QUEUED && !channel.config().isAutoRead() && current == null) {
            channel.config().setAutoRead(true);
        }
    }

    /** The answer cannot be finished (app gone or silent mid-body): the client must see a cut, never a short answer. */
    void cut(Exchange exchange) {
        if (current == exchange) {
            current = null;
        }
        exchange.release();
        releaseQueued();
        channel.close();
    }

    /** Writes part of the answer; flushed at the end of the app connection's read (Upstream). */
    void write(Object msg) {
        ctx.write(msg, ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    boolean writable() {
        return channel.isWritable();
    }

    /** Back-pressure from the app's connection: stop reading the client's body while the app is behind. */
    void readFromClient(boolean read) {
        channel.config().setAutoRead(read);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Exchange exchange = current;
        if (exchange != null && exchange.upstream != null) {
            exchange.upstream.channel.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Exchange exchange = current;
        if (exchange != null && exchange.upstream != null) {
            // The client reads the answer slower than the app sends it: hold the app until it caught up.
            exchange.upstream.channel.config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseQueued();
        Exchange exchange = current;
        if (exchange != null) {
            current = null;
            proxy.forwarder.clientGone(exchange);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and broken pipes from clients are routine; channelInactive cleans up.
        ctx.close();
    }

    boolean idle() {
        return current == null;
    }

    /** The router is stopping: answers from now on close their connection (HTTP/1). */
    boolean draining() {
        return proxy.draining();
    }

    private void releaseQueued() {
        if (queued != null) {
            for (Object msg; (msg = queued.poll()) != null; ) {
                ReferenceCountUtil.release(msg);
            }
        }
    }

    private boolean hasBody(HttpRequest request, boolean full, ProxyHeaders.Scan scan) {
        if (full) {
            return ((LastHttpContent) request).content().isReadable();
        }
        if (http2) {
            return true;
        }
        if (scan.contentLength != null) {
            return !AsciiString.contentEquals("0", scan.contentLength);
        }
        return scan.transferEncoding;
    }
}
