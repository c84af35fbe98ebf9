package io.paas.builder.metrics;

import com.sun.net.httpserver.HttpServer;
import io.paas.builder.build.BuildQueue;
import io.paas.client.prometheus.JvmFigures;
import io.paas.client.prometheus.PrometheusText;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The operator's port, as the router's and the controller's: GET /metrics, the builder's figures as
 * Prometheus text, on loopback only (PAAS_BUILDER_ADMIN_PORT): never where git clients come, which
 * PAAS_BIND may open to the world, as the figures take no credentials. The JDK's own small server,
 * with its one dispatcher thread: a scrape is a few microseconds of work.
 */
public final class MetricsPort implements AutoCloseable {
    public static final String HOST = "127.0.0.1";

    private final HttpServer server;

    private MetricsPort(HttpServer server) {
        this.server = server;
    }

    /** Port 0 takes any free port. */
    public static MetricsPort start(int port, BuilderMetrics metrics, BuildQueue queue) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(HOST, port), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                boolean metricsPath = "/metrics".equals(exchange.getRequestURI().getPath());
                byte[] body = (metricsPath ? exposition(metrics, queue) : "try /metrics\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", metricsPath ? PrometheusText.CONTENT_TYPE : "text/plain");
                boolean head = "HEAD".equals(exchange.getRequestMethod());
                exchange.sendResponseHeaders(metricsPath ? 200 : 404, head ? -1 : body.length);
                if (!head) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.start();
        return new MetricsPort(server);
    }

    static String exposition(BuilderMetrics metrics, BuildQueue queue) {
        PrometheusText out = new PrometheusText();
        metrics.writeTo(out, queue.running(), queue.queued());
        JvmFigures.writeTo(out, "paas_builder");
        return out.toString();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
