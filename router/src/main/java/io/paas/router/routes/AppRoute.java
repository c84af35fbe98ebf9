package io.paas.router.routes;

import io.paas.router.metrics.AppMetrics;
import io.paas.router.policy.AppPolicy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One host of the table: the app behind it, its live web endpoints, its settings and its metrics.
 * Everything the request path needs is resolved here once per table.
 */
public final class AppRoute {
    private final String host;
    private final String app;
    private final List<String> endpointNames;
    private final Endpoint[] endpoints;
    private final AppPolicy policy;
    private final AppMetrics metrics;
    // Shared by all event loops: one atomic increment per request is cheaper than any coordination.
    private final AtomicInteger cursor = new AtomicInteger();

    AppRoute(String host, String app, List<String> endpointNames, Endpoint[] endpoints, AppPolicy policy, AppMetrics metrics) {
        this.host = host;
        this.app = app;
        this.endpointNames = List.copyOf(endpointNames);
        this.endpoints = endpoints;
        this.policy = policy;
        this.metrics = metrics;
    }

    public String host() {
        return host;
    }

    public String app() {
        return app;
    }

    public AppPolicy policy() {
        return policy;
    }

    public AppMetrics metrics() {
        return metrics;
    }

    /** The endpoints as the controller wrote them ("127.0.0.1:PORT"), for logs and comparisons. */
    public List<String> endpointNames() {
        return endpointNames;
    }

    public int endpointCount() {
        return endpoints.length;
    }

    public boolean hasEndpoints() {
        return endpoints.length > 0;
    }

    /**
     * The endpoint for the next request, skipping those taken out and the one that just failed
     * (tried); when every endpoint is out, the one after the cursor anyway: it may have recovered.
     * Null only when the app has no endpoint other than tried.
     */
    public Endpoint pick(Endpoint tried, long nowNanos) {
        int n = endpoints.length;
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            Endpoint only = endpoints[0];
            return only == tried ? null : only;
        }
        return policy.leastRequests() ? leastRequests(tried, nowNanos) : roundRobin(tried, nowNanos);
    }

    private Endpoint roundRobin(Endpoint tried, long nowNanos) {
        int n = endpoints.length;
        int start = Math.floorMod(cursor.getAndIncrement(), n);
        Endpoint fallback = null;
        for (int i = 0; i < n; i++) {
            Endpoint candidate = endpoints[(start + i) % n];
            if (candidate == tried) {
                continue;
            }
            if (candidate.available(nowNanos)) {
                return candidate;
            }
            if (fallback == null) {
                fallback = candidate;
            }
        }
        return fallback;
    }

    /** Fewest requests in flight; ties go round robin so equal endpoints share the load. */
    private Endpoint leastRequests(Endpoint tried, long nowNanos) {
        int n = endpoints.length;
        int start = Math.floorMod(cursor.getAndIncrement(), n);
        Endpoint best = null;
        Endpoint fallback = null;
        for (int i = 0; i < n; i++) {
            Endpoint candidate = endpoints[(start + i) % n];
            if (candidate == tried) {
                continue;
            }
            if (!candidate.available(nowNanos)) {
                if (fallback == null) {
                    fallback = candidate;
                }
                continue;
            }
            if (best == null || candidate.inFlight() < best.inFlight()) {
                best = candidate;
            }
        }
        return best != null ? best : fallback;
    }
}
