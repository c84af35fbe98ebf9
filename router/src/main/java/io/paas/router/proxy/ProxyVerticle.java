package io.paas.router.proxy;

import io.paas.router.routes.LiveRoutes;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;

import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of the router: its own listening server (Vert.x spreads connections over the
 * instances bound to the same address) and its own pooled keep-alive client to the apps, so a request
 * never crosses threads.
 */
public final class ProxyVerticle extends VerticleBase {
    /** Upper bound of pooled connections per app endpoint and event loop. */
    static final int CONNECTIONS_PER_ENDPOINT = 256;
    /** Below the 5 s idle close of common app servers (Node, gunicorn), so we never reuse a socket they are closing. */
    static final int BACKEND_KEEP_ALIVE_SECONDS = 4;

    private final LiveRoutes routes;
    private final SocketAddress listenAddress;
    private final long shutdownGraceMillis;
    private HttpServer server;

    public ProxyVerticle(LiveRoutes routes, SocketAddress listenAddress, long shutdownGraceMillis) {
        this.routes = routes;
        this.listenAddress = listenAddress;
        this.shutdownGraceMillis = shutdownGraceMillis;
    }

    @Override
    public Future<?> start() {
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(BACKEND_KEEP_ALIVE_SECONDS)
                        .setConnectTimeout(5000)
                        .setDecompressionSupported(false)
                        .setName("paas-router-upstream"),
                new PoolOptions().setHttp1MaxSize(CONNECTIONS_PER_ENDPOINT));
        RouteLookup lookup = new RouteLookup(routes);
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                .origin(new EndpointOrigin(lookup))
                .addInterceptor(new ForwardedHeaders(), true)
                .addInterceptor(new HopByHopResponseHeaders(), false)
                .addInterceptor(new UpstreamFailurePage(), false);
        server = vertx.createHttpServer(new HttpServerOptions()
                        .setCompressionSupported(false)
                        .setDecompressionSupported(false)
                        .setTcpNoDelay(true))
                .requestHandler(new FrontDoor(lookup, proxy));
        return server.listen(listenAddress);
    }

    @Override
    public Future<?> stop() {
        // Stop accepting, let requests in flight finish, then close.
        return server == null ? Future.succeededFuture() : server.shutdown(shutdownGraceMillis, TimeUnit.MILLISECONDS);
    }

    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
