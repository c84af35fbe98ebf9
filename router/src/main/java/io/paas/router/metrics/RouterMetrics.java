package io.paas.router.metrics;

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
        StringBuilder out = new StringBuilder(4096);
        Map<String, AppMetrics> sorted = new TreeMap<>(apps);
        out.append("# HELP paas_router_requests_total Requests answered, by app and status class.\n");
        out.append("# TYPE paas_router_requests_total counter\n");
        for (AppMetrics app : sorted.values()) {
            for (int i = 0; i < 5; i++) {
                long count = app.requests(i);
                if (count > 0) {
                    out.append("paas_router_requests_total{app=\"").append(escape(app.app())).append("\",status=\"")
                            .append(i + 1).append("xx\"} ").append(count).append('\n');
                }
            }
        }
        out.append("# HELP paas_router_request_duration_seconds Time from request to the end of the answer, by app.\n");
        out.append("# TYPE paas_router_request_duration_seconds histogram\n");
        for (AppMetrics app : sorted.values()) {
            String label = escape(app.app());
            long cumulative = 0;
            for (int i = 0; i <= AppMetrics.BUCKETS.length; i++) {
                cumulative += app.bucket(i);
                String le = i < AppMetrics.BUCKETS.length ? Double.toString(AppMetrics.BUCKETS[i]) : "+Inf";
                out.append("paas_router_request_duration_seconds_bucket{app=\"").append(label).append("\",le=\"")
                        .append(le).append("\"} ").append(cumulative).append('\n');
            }
            out.append("paas_router_request_duration_seconds_sum{app=\"").append(label).append("\"} ")
                    .append(app.latencySumSeconds()).append('\n');
            out.append("paas_router_request_duration_seconds_count{app=\"").append(label).append("\"} ")
                    .append(cumulative).append('\n');
        }
        out.append("# HELP paas_router_upstream_errors_total Connections to app endpoints refused, reset or timed out.\n");
        out.append("# TYPE paas_router_upstream_errors_total counter\n");
        for (AppMetrics app : sorted.values()) {
            out.append("paas_router_upstream_errors_total{app=\"").append(escape(app.app())).append("\"} ")
                    .append(app.upstreamErrors()).append('\n');
        }
        out.append("# HELP paas_router_open_connections Client connections open now.\n");
        out.append("# TYPE paas_router_open_connections gauge\n");
        out.append("paas_router_open_connections ").append(openConnections.sum()).append('\n');
        out.append("# HELP paas_router_connections_total Client connections accepted.\n");
        out.append("# TYPE paas_router_connections_total counter\n");
        out.append("paas_router_connections_total ").append(acceptedConnections.sum()).append('\n');
        out.append("# HELP paas_router_route_table_generation Generation of the route table in use (-1: none yet).\n");
        out.append("# TYPE paas_router_route_table_generation gauge\n");
        out.append("paas_router_route_table_generation ").append(generation).append('\n');
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
