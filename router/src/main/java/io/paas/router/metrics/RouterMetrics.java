package io.paas.router.metrics;

import io.paas.client.prometheus.JvmFigures;
import io.paas.client.prometheus.PrometheusText;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** All of the router's metrics and their Prometheus text exposition (format 0.0.4, written by hand: no dependency). */
public final class RouterMetrics {
    private final ConcurrentHashMap<String, AppMetrics> apps = new ConcurrentHashMap<>();
    private final LongAdder openConnections = new LongAdder();
    private final LongAdder acceptedConnections = new LongAdder();
    private volatile long generation = -1;

    /** The same object for an app across tables, so counters keep counting when routes change. */
    public AppMetrics app(String app) {
        return apps.computeIfAbsent(app == null ? "" : app, AppMetrics::new);
    }

    public void connectionOpened() {
        openConnections.increment();
        acceptedConnections.increment();
    }

    public void connectionClosed() {
        openConnections.decrement();
    }

    public void generation(long generation) {
        this.generation = generation;
    }

    public String exposition() {
        PrometheusText out = new PrometheusText();
        Map<String, AppMetrics> sorted = new TreeMap<>(apps);
        out.family("paas_router_requests_total", "counter", "Requests answered, by app and status class.");
        for (AppMetrics app : sorted.values()) {
            for (int i = 0; i < 5; i++) {
                long count = app.requests(i);
                if (count > 0) {
                    out.sample("paas_router_requests_total", count, "app", app.app(), "status", (i + 1) + "xx");
                }
            }
        }
        out.family("paas_router_request_duration_seconds", "histogram",
                "Time from request to the end of the answer, by app.");
        for (AppMetrics app : sorted.values()) {
            app.writeLatency(out, "paas_router_request_duration_seconds");
        }
        out.family("paas_router_upstream_errors_total", "counter",
                "Connections to app endpoints refused, reset or timed out.");
        for (AppMetrics app : sorted.values()) {
            out.sample("paas_router_upstream_errors_total", app.upstreamErrors(), "app", app.app());
        }
        out.single("paas_router_open_connections", "gauge", "Client connections open now.", openConnections.sum());
        out.single("paas_router_connections_total", "counter", "Client connections accepted.", acceptedConnections.sum());
        out.single("paas_router_route_table_generation", "gauge",
                "Generation of the route table in use (-1: none yet).", generation);
        JvmFigures.writeTo(out, "paas_router");
        return out.toString();
    }
}
