package io.paas.router.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.unix.UnixChannelOption;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.paas.router.AnyPort;
import io.paas.router.LogBuffer;
import io.paas.router.logs.RequestLogShipper;
import io.paas.router.metrics.RouterMetrics;
import io.paas.router.routes.LiveRoutes;
import io.paas.router.tls.SniKeyManager;
import io.paas.router.tls.SniKeyManagerFactory;
import io.paas.router.tls.TlsProfile;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.transport.Transport;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The router's listeners: plain HTTP (with h2c) and HTTPS (SNI, ALPN h2), on the Netty event loops
 * Vert.x already runs, with one Proxy per loop. The proxy path is plain Netty rather than Vert.x's
 * HTTP server and client: the request and answer heads are edited in place and sent on, which
 * halves the work per request (see infra/bench/router-bench.sh).
 */
public final class ProxyServer {
    private static final int DEFER_ACCEPT_SECONDS = 1;
    /** How long a draining router leaves an idle HTTP/1 connection open for the request its client may be sending. */
    private static final long IDLE_CLOSE_MS = 1000;

    /**
     * TCP_DEFER_ACCEPT on a native listener, set when it is registered, before it binds: the kernel hands a
     * connection over once its first bytes are in (HTTP and TLS clients speak first), so the loop accepts it
     * and reads its request in one pass instead of accepting, waiting for the data and being woken again; a
     * connection that never sends costs the router nothing. About 3% more new connections per second in
     * infra/bench/router-bench.sh. One second: a client that connects and waits that long is handed over by
     * the kernel anyway.
     */
    private static final ChannelInitializer<Channel> DEFER_ACCEPT = new ChannelInitializer<>() {
        @Override
        protected void initChannel(Channel listener) {
            ChannelConfig config = listener.config();
            // Each native config refuses the other's option (false), so whichever transport runs takes its
            // own; NIO's refuses both.
            if (!config.setOption(IoUringChannelOption.TCP_DEFER_ACCEPT, DEFER_ACCEPT_SECONDS)) {
                config.setOption(EpollChannelOption.TCP_DEFER_ACCEPT, DEFER_ACCEPT_SECONDS);
            }
        }
    };

    private final Map<EventLoop, Proxy> proxies;
    private final ChannelGroup connections = new DefaultChannelGroup("paas-router", GlobalEventExecutor.INSTANCE);
    private final List<Channel> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean draining;
    private int plainPort = -1;
    private String tlsEngine = "none";
    private int tlsPort = -1;

    private ProxyServer(Map<EventLoop, Proxy> proxies) {
        this.proxies = proxies;
    }

    /**
     * Binds the plain port (and the TLS port unless tlsPort < 0; 0 = any free port). The future fails
     * when a port cannot be bound. join: the ports are another router's, listening with SO_REUSEPORT, which
     * this one joins to take over from it (only with a native transport). accessLog null: no access log;
     * shipper null: no lines to the apps' logs.
     */
    public static Future<ProxyServer> start(Vertx vertx, LiveRoutes routes, String bind, int port, int tlsPort, boolean join,
                                            String tlsEngine, RouterMetrics metrics, LogBuffer accessLog,
                                            RequestLogShipper shipper) {
        VertxInternal internal = (VertxInternal) vertx;
        Transport transport = internal.transport();
        EventLoopGroup workers = internal.nettyEventLoopGroup();
        Map<EventLoop, Proxy> proxies = new HashMap<>();
        ProxyServer server = new ProxyServer(proxies);
        RouteLookup lookup = new RouteLookup(routes);
        Guard[] guards = {new AcmeChallenge(routes), new TlsRedirect(() -> server.tlsPort), new Maintenance(), new AllowlistGuard(), new BodyLimit()};
        for (EventExecutor executor : workers) {
            EventLoop loop = (EventLoop) executor;
            Proxy proxy = new Proxy(loop, transport.channelFactory(false), lookup, guards, new AccessLog(accessLog, shipper),
                    () -> server.draining);
            proxies.put(loop, proxy);
            loop.scheduleAtFixedRate(proxy::sweep, UpstreamTimeouts.SWEEP_MS, UpstreamTimeouts.SWEEP_MS, TimeUnit.MILLISECONDS);
        }
        ProxyChannels channels = new ProxyChannels(channel -> {
            server.connections.add(channel);
            return proxies.get(channel.eventLoop());
        }, metrics);
        Promise<ProxyServer> started = Promise.promise();
        if (join && !internal.isNativeTransportEnabled()) {
            return Future.failedFuture(new IllegalArgumentException(
                    "taking over another router's ports needs the epoll or io_uring transport (SO_REUSEPORT); this router runs on NIO"));
        }
        server.bind(internal, transport, bind, port, join, channels.plain()).onComplete(plain -> {
            if (plain.failed()) {
                started.fail(plain.cause());
                return;
            }
            server.plainPort = plain.result();
            if (tlsPort < 0) {
                started.complete(server);
                return;
            }
            SslContext ssl;
            try {
                boolean openssl = openSsl(tlsEngine);
                ssl = sslContext(routes, openssl);
                server.tlsEngine = openssl ? "BoringSSL" : "JDK TLS";
            } catch (SSLException e) {
                started.fail(e);
                return;
            }
            server.bind(internal, transport, bind, tlsPort, join, channels.tls(ssl)).onComplete(tls -> {
                if (tls.succeeded()) {
                    server.tlsPort = tls.result();
                    started.complete(server);
                } else {
                    started.fail(tls.cause());
                }
            });
        });
        return started.future();
    }

    /**
     * With io_uring or epoll, one listening socket per event loop (SO_REUSEPORT): the kernel spreads new
     * connections over them and each is served by the loop that accepted it, with no hand-over between
     * threads, and each defers accepting until the client's first bytes (DEFER_ACCEPT). Otherwise one socket,
     * accepted on Vert.x's acceptor thread. Port 0: a port AnyPort has checked that connections reach, which
     * the listeners join while it holds it. join: the port is another router's, joined as a held one.
     */
    private Future<Integer> bind(VertxInternal vertx, Transport transport, String host, int port, boolean join,
                                 ChannelInitializer<Channel> init) {
        if (port != 0) {
            return listen(vertx, transport, host, port, join, init);
        }
        return AnyPort.bind(vertx, host, true, any -> listen(vertx, transport, host, any, true, init));
    }

    /** held: the port is AnyPort's (or the router's this one takes over from), so every listener joins it with SO_REUSEPORT. */
    private Future<Integer> listen(VertxInternal vertx, Transport transport, String host, int port, boolean held,
                                   ChannelInitializer<Channel> init) {
        List<EventLoop> loops = new ArrayList<>();
        if (vertx.isNativeTransportEnabled()) {
            for (EventExecutor executor : vertx.nettyEventLoopGroup()) {
                loops.add((EventLoop) executor);
            }
        }
        if (loops.isEmpty()) {
            ServerBootstrap bootstrap = bootstrap(vertx.acceptorEventLoopGroup(), vertx.nettyEventLoopGroup(), transport, init);
            if (held) {
                bootstrap.option(NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT), true);
            }
            return listen(bootstrap, host, port);
        }
        if (!held) {
            // SO_REUSEPORT would let this router share a port another process of the same user listens on (a
            // second router started by mistake would silently take half the connections): a plain socket must
            // be able to bind it first.
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(host, port));
            } catch (IOException e) {
                return Future.failedFuture(new BindException("port " + port + " is in use (" + e.getMessage() + ")"));
            }
        }
        Future<Integer> all = Future.succeededFuture(port);
        for (EventLoop loop : loops) {
            all = all.compose(p -> listen(bootstrap(loop, loop, transport, init).option(UnixChannelOption.SO_REUSEPORT, true),
                    host, port));
        }
        return all;
    }

    private Future<Integer> listen(ServerBootstrap bootstrap, String host, int port) {
        Promise<Integer> bound = Promise.promise();
        ChannelFuture listening = bootstrap.bind(host, port);
        listeners.add(listening.channel());
        listening.addListener(done -> {
            if (listening.isSuccess()) {
                bound.complete(((InetSocketAddress) listening.channel().localAddress()).getPort());
            } else {
                bound.fail(listening.cause());
            }
        });
        return bound.future();
    }

    private static ServerBootstrap bootstrap(EventLoopGroup acceptor, EventLoopGroup workers, Transport transport,
                                             ChannelInitializer<Channel> init) {
        return new ServerBootstrap()
                .group(acceptor, workers)
                .channelFactory(transport.serverChannelFactory(false))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                // No TCP_NODELAY child option: Netty's epoll and NIO sockets have it on already, and setting it
                // again costs a system call per connection.
                .handler(DEFER_ACCEPT)
                .childHandler(init);
    }

    /**
     * The certificate is chosen per handshake by SNI from the route table in use (SniKeyManager); TlsProfile says the
     * rest. The engine: BoringSSL through netty-tcnative where its native library loads ("auto", "openssl"), the JDK's
     * TLS otherwise ("jdk"): BoringSSL serves 1.2 times the HTTPS requests and 1.4 times the full handshakes per second
     * on the same CPU, for the same memory (infra/bench/tls-bench.sh).
     */
    private static SslContext sslContext(LiveRoutes routes, boolean openssl) throws SSLException {
        SslProvider provider = openssl ? SslProvider.OPENSSL : SslProvider.JDK;
        return TlsProfile.applyTo(SslContextBuilder.forServer(new SniKeyManagerFactory(new SniKeyManager(routes))))
                .sslProvider(provider)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
                .build();
    }

    /** Whether the engine named so (PAAS_ROUTER_TLS_ENGINE) is BoringSSL here. */
    private static boolean openSsl(String engine) throws SSLException {
        return switch (engine) {
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new SSLException("PAAS_ROUTER_TLS_ENGINE=openssl, but netty-tcnative cannot load here: "
                            + OpenSsl.unavailabilityCause());
                }
                yield true;
            }
            case "jdk" -> false;
            default -> OpenSsl.isAvailable();
        };
    }

    public int plainPort() {
        return plainPort;
    }

    /** -1 when HTTPS is off. */
    public int tlsPort() {
        return tlsPort;
    }

    /** "BoringSSL", "JDK TLS", or "none" when HTTPS is off. */
    public String tlsEngine() {
        return tlsEngine;
    }

    /**
     * Stops accepting; answers from now on say Connection: close (HTTP/2 connections get a GOAWAY); an
     * HTTP/1 connection still idle a second later is closed; requests in flight finish for up to
     * graceMillis; then whatever is left is closed.
     */
    public Future<Void> shutdown(long graceMillis) {
        draining = true;
        for (Channel listener : listeners) {
            listener.close();
        }
        for (Channel connection : connections) {
            connection.eventLoop().execute(() -> {
                Http2FrameCodec http2 = connection.pipeline().get(Http2FrameCodec.class);
                if (http2 != null) {
                    // Netty's graceful close: GOAWAY now (the client opens no new stream here and reconnects),
                    // streams in flight finish, the connection closes after the last one or at the deadline.
                    http2.gracefulShutdownTimeoutMillis(graceMillis);
                    connection.close();
                    return;
                }
                // An idle HTTP/1 connection is not closed at once: a client may be sending its next request on it
                // this very moment, and would see the connection end with no answer (the keep-alive race). Its next
                // request gets an answer that closes it (Connection: close); one still idle a second later goes.
                connection.eventLoop().schedule(() -> {
                    FrontDoor door = connection.pipeline().get(FrontDoor.class);
                    if (door != null && door.idle()) {
                        connection.close();
                    }
                }, IDLE_CLOSE_MS, TimeUnit.MILLISECONDS);
            });
        }
        Promise<Void> done = Promise.promise();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        GlobalEventExecutor.INSTANCE.execute(new Runnable() {
            @Override
            public void run() {
                if (!connections.isEmpty() && System.nanoTime() - deadline < 0) {
                    GlobalEventExecutor.INSTANCE.schedule(this, 50, TimeUnit.MILLISECONDS);
                    return;
                }
                connections.close().addListener(closed -> {
                    for (Map.Entry<EventLoop, Proxy> entry : proxies.entrySet()) {
                        entry.getKey().execute(entry.getValue()::close);
                    }
                    done.complete();
                });
            }
        });
        return done.future();
    }
}
