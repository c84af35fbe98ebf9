package io.paas.router.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import io.paas.router.metrics.RouterMetrics;

import java.util.List;
import java.util.function.Function;

/**
 * The pipelines of client connections. Plain port: HTTP/1.1, plus h2c by prior knowledge or by
 * Upgrade: h2c. TLS port: SNI picks the certificate, ALPN picks h2 or HTTP/1.1. Whatever the
 * protocol, requests reach a FrontDoor as HTTP/1.1 messages (an HTTP/2 stream is converted by
 * Netty's Http2StreamFrameToHttpObjectCodec), so one proxy serves them all.
 */
final class ProxyChannels {
    /** An h2c upgrade request is aggregated by Netty's upgrade handler; it carries no body worth more. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 64 * 1024;
    private static final AsciiString H2C = AsciiString.cached(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME.toString());

    private final Function<Channel, Proxy> proxies;
    private final RouterMetrics metrics;

    ProxyChannels(Function<Channel, Proxy> proxies, RouterMetrics metrics) {
        this.proxies = proxies;
        this.metrics = metrics;
    }

    static HttpServerCodec serverCodec() {
        return new HttpServerCodec(new HttpDecoderConfig().setMaxInitialLineLength(8192).setMaxHeaderSize(32 * 1024)
                .setMaxChunkSize(64 * 1024));
    }

    ChannelInitializer<Channel> plain() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                counted(channel);
                Proxy proxy = proxies.apply(channel);
                channel.pipeline().addLast(new PriorKnowledge(proxy), serverCodec())
                        .addLast(FrontDoor.NAME, new FrontDoor(proxy, false, false));
            }
        };
    }

    ChannelInitializer<Channel> tls(SslContext ssl) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                counted(channel);
                Proxy proxy = proxies.apply(channel);
                channel.pipeline().addLast(ssl.newHandler(channel.alloc()), new ApplicationProtocolNegotiationHandler(
                        ApplicationProtocolNames.HTTP_1_1) {
                    @Override
                    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                        ChannelPipeline pipeline = ctx.pipeline();
                        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                            pipeline.addLast(Http2FrameCodecBuilder.forServer().build(),
                                    new Http2MultiplexHandler(streams(proxy, true)));
                        } else {
                            pipeline.addLast(serverCodec());
                            pipeline.addLast(FrontDoor.NAME, new FrontDoor(proxy, true, false));
                        }
                    }
                });
            }
        };
    }

    /** True when request asks to continue as h2c (RFC 7540 3.2): only on the plain port, only as the first request. */
    static boolean wantsH2c(HttpRequest request) {
        CharSequence upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && H2C.contentEqualsIgnoreCase(upgrade)
                && request.headers().contains(Http2CodecUtil.HTTP_UPGRADE_SETTINGS_HEADER);
    }

    /**
     * Hands an h2c upgrade request to Netty's upgrade handler, inserted for this one request only: every
     * other request on the plain port skips its aggregation step. The handler answers 101, moves the
     * connection to HTTP/2 and serves the request as stream 1; the FrontDoor then sees nothing more.
     */
    static void upgradeToH2c(ChannelHandlerContext frontDoor, Proxy proxy, HttpRequest request) {
        ChannelPipeline pipeline = frontDoor.pipeline();
        HttpServerCodec codec = pipeline.get(HttpServerCodec.class);
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(codec, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(streams(proxy, false)))
                        : null, MAX_UPGRADE_REQUEST_BYTES);
        pipeline.addAfter(pipeline.context(codec).name(), "h2c-upgrade", upgrade);
        // From the codec's place, so the upgrade handler sees the request; a refused upgrade passes it back here.
        pipeline.context(codec).fireChannelRead(request);
    }

    private static ChannelInitializer<Channel> streams(Proxy proxy, boolean ssl) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true), new FrontDoor(proxy, ssl, true));
            }
        };
    }

    private void counted(Channel channel) {
        metrics.connectionOpened();
        channel.closeFuture().addListener(closed -> metrics.connectionClosed());
    }

    /**
     * h2c by prior knowledge: a connection that opens with the HTTP/2 preface is HTTP/2 from its first
     * byte. Looks at the first bytes only, then leaves the pipeline either way.
     */
    private static final class PriorKnowledge extends ByteToMessageDecoder {
        private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();
        private final Proxy proxy;

        PriorKnowledge(Proxy proxy) {
            this.proxy = proxy;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int length = Math.min(in.readableBytes(), PREFACE.readableBytes());
            if (!ByteBufUtil.equals(PREFACE, PREFACE.readerIndex(), in, in.readerIndex(), length)) {
                ctx.pipeline().remove(this);
            } else if (length == PREFACE.readableBytes()) {
                ChannelPipeline pipeline = ctx.pipeline();
                pipeline.remove(HttpServerCodec.class);
                pipeline.remove(FrontDoor.NAME);
                // The multiplexer looks for the frame codec when added: the codec goes in first.
                pipeline.addAfter(ctx.name(), "h2", Http2FrameCodecBuilder.forServer().build());
                pipeline.addAfter("h2", null, new Http2MultiplexHandler(streams(proxy, false)));
                // Removal hands the bytes read so far, preface included, to the HTTP/2 codec.
                pipeline.remove(this);
            }
        }
    }
}
