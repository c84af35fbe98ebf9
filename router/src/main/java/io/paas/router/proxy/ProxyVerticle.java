package io.paas.router.proxy;

import io.paas.router.LogBuffer;
import io.paas.router.metrics.RouterMetrics;
import io.paas.router.routes.LiveRoutes;
import io.paas.router.tls.SniKeyManager;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.paas.router.tls.SniKeyCertOptions;
import io.vertx.core.net.SocketAddress;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * One event loop's share of the router: its own plain and TLS listeners (Vert.x spreads connections
 * over the instances bound to the same address) and its own pooled keep-alive client to the apps,
 * so a request never crosses threads.
 */
public final class ProxyVerticle extends VerticleBase {
    /** Upper bound of pooled connections per app endpoint and event loop. */
    static final int CONNECTIONS_PER_ENDPOINT = 256;
    /** Below the 5 s idle close of common app servers (Node, gunicorn), so we never reuse a socket they are closing. */
    static final int BACKEND_KEEP_ALIVE_SECONDS = 4;

    private final LiveRoutes routes;
    private final SocketAddress plainAddress;
    private final SocketAddress tlsAddress;
    private final IntSupplier publicTlsPort;
    private final RouterMetrics metrics;
    private final LogBuffer accessLog;
    private final long shutdownGraceMillis;
    private HttpServer plain;
    private HttpServer tls;
    private long sweepTimer = -1;
    private AccessLog log;

    /** tlsAddress null: no HTTPS listener. accessLog null: no access log. */
    public ProxyVerticle(LiveRoutes routes, SocketAddress plainAddress, SocketAddress tlsAddress, IntSupplier publicTlsPort,
                         RouterMetrics metrics, LogBuffer accessLog, long shutdownGraceMillis) {
        this.routes = routes;
        this.plainAddress = plainAddress;
        this.tlsAddress = tlsAddress;
        this.publicTlsPort = publicTlsPort;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.shutdownGraceMillis = shutdownGraceMillis;
    }

    @Override
    public Future<?> start() {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(BACKEND_KEEP_ALIVE_SECONDS)
                        .setPipelining(false)
                        .setTcpNoDelay(true)
                        .setDecompressionSupported(false)
                        .setName("paas-router-upstream"),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_ENDPOINT));
        AccessLog log = new AccessLog(accessLog);
        this.log = log;
        Completion completion = new Completion(log);
        UpstreamTimeouts timeouts = new UpstreamTimeouts();
        // The sweep also flushes this loop's access log lines: at most 100 ms late, no timer of their own.
        sweepTimer = vertx.setPeriodic(UpstreamTimeouts.SWEEP_MS, id -> {
            timeouts.sweep();
            log.flush();
        });
        RouteLookup lookup = new RouteLookup(routes);
        Guard[] guards = {new TlsRedirect(publicTlsPort), new Maintenance(), new AllowlistGuard(), new BodyLimit()};
        FrontDoor door = new FrontDoor(lookup, guards, new Forwarder(client, timeouts, completion),
                new WebSocketTunnel(vertx, client, completion), completion);
        Handler<HttpConnection> counted = connection -> {
            metrics.connectionOpened();
            connection.closeHandler(v -> metrics.connectionClosed());
        };
        plain = vertx.createHttpServer(new HttpServerOptions()
                        .setCompressionSupported(false)
                        .setDecompressionSupported(false)
                        // WebSockets are tunnelled as bytes: extensions are the app's to negotiate, and
                        // Netty's extension handler would otherwise sit in every connection's write path.
                        .setPerFrameWebSocketCompressionSupported(false)
                        .setPerMessageWebSocketCompressionSupported(false)
                        .setHttp2ClearTextEnabled(true)
                        .setTcpNoDelay(true))
                .connectionHandler(counted)
                .requestHandler(door);
        Future<HttpServer> listening = plain.listen(plainAddress);
        if (tlsAddress == null) {
            return listening;
        }
        tls = vertx.createHttpServer(new HttpServerOptions()
                        .setSsl(true)
                        .setUseAlpn(true)
                        .setKeyCertOptions(new SniKeyCertOptions(new SniKeyManager(routes)))
                        .setCompressionSupported(false)
                        .setDecompressionSupported(false)
                        .setPerFrameWebSocketCompressionSupported(false)
                        .setPerMessageWebSocketCompressionSupported(false)
                        .setTcpNoDelay(true))
                .connectionHandler(counted)
                .requestHandler(door);
        return listening.compose(v -> tls.listen(tlsAddress));
    }

    @Override
    public Future<?> stop() {
        // Stop accepting, let requests in flight finish, then close.
        Future<Void> plainDone = plain == null ? Future.succeededFuture() : plain.shutdown(shutdownGraceMillis, TimeUnit.MILLISECONDS);
        Future<Void> tlsDone = tls == null ? Future.succeededFuture() : tls.shutdown(shutdownGraceMillis, TimeUnit.MILLISECONDS);
        // The sweep keeps timing out stalled apps while requests drain.
        return Future.join(plainDone, tlsDone).andThen(done -> {
            vertx.cancelTimer(sweepTimer);
            if (log != null) {
                log.flush();
            }
        });
    }

    public int plainPort() {
        return plain == null ? -1 : plain.actualPort();
    }

    public int tlsPort() {
        return tls == null ? -1 : tls.actualPort();
    }
}
