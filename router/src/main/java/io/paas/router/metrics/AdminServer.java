package io.paas.router.metrics;

import io.paas.client.prometheus.PrometheusText;
import io.paas.router.AnyPort;
import io.paas.router.routes.LiveRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;

/** The operator's port: GET /metrics (Prometheus text) and GET /healthz; never the users' traffic. */
public final class AdminServer {
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
