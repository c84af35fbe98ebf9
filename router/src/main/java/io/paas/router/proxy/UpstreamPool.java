package io.paas.router.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.paas.router.routes.Endpoint;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One event loop's idle keep-alive connections to app endpoints. Connections are taken newest
 * first (warm, least likely closed by the app) and closed after BACKEND_KEEP_ALIVE_MS idle: below
 * the 5 s idle close of common app servers (Node, gunicorn), so the router never reuses a socket the
 * app is closing. No lock: the loop's own requests are the only users.
 */
final class UpstreamPool {
    static final long BACKEND_KEEP_ALIVE_MS = 4_000;
    /** The HTTP codec's name in an app connection's pipeline (the WebSocket tunnel takes it out). */
    static final String CODEC = "http";
    private static final int MAX_HEAD_BYTES = 32 * 1024;
    /**
     * The app's answer heads are re-encoded towards the client from parsed names and values (no line
     * breaks can survive parsing), so the per-header validation pass is skipped on this side only.
     */
    private static final HttpDecoderConfig APP_DECODER = new HttpDecoderConfig().setMaxInitialLineLength(8192)
            .setMaxHeaderSize(MAX_HEAD_BYTES).setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false));

    private final Bootstrap bootstrap;
    private final Map<Endpoint, ArrayDeque<Upstream>> idle = new HashMap<>();

    UpstreamPool(EventLoop loop, ChannelFactory<? extends Channel> channels) {
        this.bootstrap = new Bootstrap().group(loop).channelFactory(channels)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
    }

    /** A live idle connection to the endpoint, or null. */
    Upstream lease(Endpoint endpoint) {
        ArrayDeque<Upstream> connections = idle.get(endpoint);
        if (connections == null) {
            return null;
        }
        for (Upstream upstream; (upstream = connections.pollFirst()) != null; ) {
            if (upstream.channel.isActive()) {
                return upstream;
            }
        }
        return null;
    }

    /** Opens a new connection; the future completes when it is connected (or failed). */
    ChannelFuture connect(Endpoint endpoint, int connectTimeoutMs, Upstream upstream) {
        return bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMs)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline()
                                .addLast(CODEC, new HttpClientCodec(APP_DECODER, false, false))
                                .addLast(Upstream.NAME, upstream);
                    }
                })
                .connect(endpoint.socketAddress());
    }

    void release(Upstream upstream) {
        upstream.idleSinceNanos = System.nanoTime();
        idle.computeIfAbsent(upstream.endpoint, e -> new ArrayDeque<>()).addFirst(upstream);
    }

    /** The app closed an idle connection. */
    void forget(Upstream upstream) {
        ArrayDeque<Upstream> connections = idle.get(upstream.endpoint);
        if (connections != null) {
            connections.remove(upstream);
        }
    }

    /** Closes connections idle past the keep-alive window (the oldest sit at the tail). */
    void sweep(long nowNanos) {
        long limit = BACKEND_KEEP_ALIVE_MS * 1_000_000L;
        for (Iterator<ArrayDeque<Upstream>> it = idle.values().iterator(); it.hasNext(); ) {
            ArrayDeque<Upstream> connections = it.next();
            for (Upstream oldest; (oldest = connections.peekLast()) != null && nowNanos - oldest.idleSinceNanos > limit; ) {
                connections.pollLast();
                oldest.channel.close();
            }
            if (connections.isEmpty()) {
                it.remove();
            }
        }
    }

    void closeAll() {
        for (ArrayDeque<Upstream> connections : idle.values()) {
            for (Upstream upstream : connections) {
                upstream.channel.close();
            }
        }
        idle.clear();
    }
}
