package io.paas.controller.prometheus;

import io.agroal.api.AgroalDataSource;
import io.paas.client.prometheus.JvmFigures;
import io.paas.client.prometheus.PrometheusText;
import io.paas.controller.runs.OneOffRuns;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.util.concurrent.TimeUnit;

/**
 * The operator's port, as the router's: GET /metrics, the controller's figures as Prometheus text,
 * on loopback only (paas.controller.admin.port, PAAS_CONTROLLER_ADMIN_PORT; 0 any free port, -1
 * none). Never on the API's port, which PAAS_BIND may open to the world: the figures take no
 * token, and tell how busy the platform is and which routes it serves. It is one more server on
 * Quarkus's own Vert.x: no thread of its own.
 */
@ApplicationScoped
public class PrometheusPort {
    static final String HOST = "127.0.0.1";
    private static final Logger LOG = Logger.getLogger(PrometheusPort.class);

    private final Vertx vertx;
    private final ControllerMetrics metrics;
    private final OneOffRuns runs;
    private final AgroalDataSource database;
    private volatile HttpServer server;

    public PrometheusPort(Vertx vertx, ControllerMetrics metrics, OneOffRuns runs, AgroalDataSource database) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.runs = runs;
        this.database = database;
    }

    void onStart(@Observes StartupEvent event) throws Exception {
        int port = ConfigProvider.getConfig().getOptionalValue("paas.controller.admin.port", Integer.class).orElse(7191);
        if (port < 0) {
            return;
        }
        // Agroal's pool counts (a few counters; Quarkus turns them on only with a metrics extension)
        database.getConfiguration().setMetricsEnabled(true);
        // HTTP/1.1 only, as scrapers speak: Vert.x's h2c upgrade stalls answers bigger than one frame
        server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)).requestHandler(request -> {
            if (!"/metrics".equals(request.path())) {
                request.response().setStatusCode(404).putHeader("content-type", "text/plain").end("try /metrics\n");
                return;
            }
            request.response().putHeader("content-type", PrometheusText.CONTENT_TYPE).end(exposition());
        }).listen(port, HOST).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("metrics on http://%s:%d/metrics", HOST, server.actualPort());
    }

    void onStop(@Observes ShutdownEvent event) {
        HttpServer current = server;
        if (current != null) {
            current.close();
        }
    }

    /** The bound port; -1 when the port is off. */
    public int port() {
        HttpServer current = server;
        return current == null ? -1 : current.actualPort();
    }

    public String exposition() {
        PrometheusText out = new PrometheusText();
        metrics.writeTo(out);
        out.single("paas_controller_runs_running", "gauge", "One-off processes (paas run) running now.", runs.running());
        var pool = database.getMetrics();
        out.single("paas_controller_db_connections_in_use", "gauge", "Database connections lent out now.",
                pool.activeCount());
        out.single("paas_controller_db_connections_idle", "gauge", "Database connections open and free.",
                pool.availableCount());
        out.single("paas_controller_db_connection_waiters", "gauge", "Threads waiting for a database connection.",
                pool.awaitingCount());
        JvmFigures.writeTo(out, "paas_controller");
        return out.toString();
    }
}
