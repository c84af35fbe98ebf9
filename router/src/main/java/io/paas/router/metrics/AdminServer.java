package io.paas.router.metrics;

import io.paas.client.prometheus.PrometheusText;
import io.paas.router.AnyPort;
import io.paas.router.routes.LiveRoutes;
import io.paas.router.Log;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;

import java.time.Duration;

/** The operator's port: GET /metrics (Prometheus text) and GET /healthz; never the users' traffic. */
public final class AdminServer {
    private static final long RETRY_MS = 200;
    private static final Duration RETRY_LIMIT = Duration.ofMinutes(2);

    private final HttpServer server;

    private AdminServer(HttpServer server) {
        this.server = server;
    }

    /** Port 0: any port that connections reach (AnyPort), joined with SO_REUSEPORT where the transport can. */
    public static Future<AdminServer> start(Vertx vertx, String host, int port, RouterMetrics metrics, LiveRoutes routes) {
        if (port != 0) {
            return start(vertx, new HttpServerOptions(), host, port, metrics, routes);
        }
        // Vert.x sets SO_REUSEPORT only on the native transports.
        boolean join = vertx.isNativeTransportEnabled();
        return AnyPort.bind(vertx, host, join,
                any -> start(vertx, new HttpServerOptions().setReusePort(join), host, any, metrics, routes));
    }

    /**
     * A router taking over from another keeps trying the admin port, which the other holds (without SO_REUSEPORT)
     * until it has drained and gone; metrics are the other's until then.
     */
    public static Future<AdminServer> startOnceFree(Vertx vertx, String host, int port, RouterMetrics metrics, LiveRoutes routes) {
        Promise<AdminServer> started = Promise.promise();
        tryStart(vertx, host, port, metrics, routes, started, System.nanoTime() + RETRY_LIMIT.toNanos());
        return started.future();
    }

    private static void tryStart(Vertx vertx, String host, int port, RouterMetrics metrics, LiveRoutes routes,
                                 Promise<AdminServer> started, long deadline) {
        start(vertx, new HttpServerOptions(), host, port, metrics, routes)
                .onSuccess(started::complete)
                .onFailure(error -> {
                    if (System.nanoTime() - deadline > 0) {
                        Log.info("metrics port " + port + " still taken after " + RETRY_LIMIT.toSeconds() + " s; running without it ("
                                + error.getMessage() + ")");
                        started.fail(error);
                    } else {
                        vertx.setTimer(RETRY_MS, id -> tryStart(vertx, host, port, metrics, routes, started, deadline));
                    }
                });
    }

    private static Future<AdminServer> start(Vertx vertx, HttpServerOptions options, String host, int port,
                                             RouterMetrics metrics, LiveRoutes routes) {
        // HTTP/1.1 only, as scrapers speak: Vert.x's h2c upgrade garbles answers bigger than one frame
        HttpServer server = vertx.createHttpServer(options.setHttp2ClearTextEnabled(false)).requestHandler(request -> {
            switch (request.path()) {
                case "/metrics" -> request.response()
                        .putHeader("content-type", PrometheusText.CONTENT_TYPE)
                        .end(metrics.exposition());
                case "/healthz" -> {
                    boolean loaded = routes.current().loaded();
                    request.response().setStatusCode(loaded ? 200 : 503).putHeader("content-type", "text/plain")
                            .end(loaded ? "ok generation " + routes.current().generation() + "\n" : "no route table yet\n");
                }
                default -> request.response().setStatusCode(404).putHeader("content-type", "text/plain")
                        .end("try /metrics or /healthz\n");
            }
        });
        return server.listen(SocketAddress.inetSocketAddress(port, host)).map(AdminServer::new);
    }

    public int port() {
        return server.actualPort();
    }

    public Future<Void> stop() {
        return server.close();
    }
}
