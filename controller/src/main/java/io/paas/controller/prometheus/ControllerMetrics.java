package io.paas.controller.prometheus;

import io.paas.client.prometheus.DurationHistogram;
import io.paas.client.prometheus.PrometheusText;
import io.paas.controller.logs.LogSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The controller's own counters, for the operator's Prometheus (PrometheusPort). Counted from any
 * thread without locks: a LongAdder per series, and series keyed by what has few values (a route's
 * template, never its path; a status class, never the code).
 */
@ApplicationScoped
public class ControllerMetrics {
    /** The reconciler's two kinds of pass: over every app at once, or over one app. */
    public enum Pass { FULL, APP }

    private record RequestKey(String method, String route, String statusClass) {
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder inFlight = new LongAdder();
    private final DurationHistogram requestDurations = new DurationHistogram(DurationHistogram.REQUEST_SECONDS);
    private final Map<Pass, LongAdder> passes = adders(Pass.class);
    private final Map<Pass, LongAdder> passNanos = adders(Pass.class);
    private final Map<Pass, LongAdder> failedPasses = adders(Pass.class);
    private final LongAdder deploysStarted = new LongAdder();
    private final LongAdder deploysFailed = new LongAdder();
    private final LongAdder releasesDeployed = new LongAdder();
    private final LongAdder releasesFailed = new LongAdder();
    private final Map<LogSource, LongAdder> linesReceived = adders(LogSource.class);
    private final LongAdder linesStored = new LongAdder();
    private final LongAdder linesDropped = new LongAdder();
    private final LongAdder drainLinesSent = new LongAdder();
    private final LongAdder drainLinesMissed = new LongAdder();

    public void requestStarted() {
        inFlight.increment();
    }

    /** route: the API's template ("/v2/apps/{app}"), or "other" for what no resource answers. */
    public void requestEnded(String method, String route, int status, long nanos) {
        inFlight.decrement();
        int statusClass = status / 100;
        String label = statusClass >= 1 && statusClass <= 5 ? statusClass + "xx" : "other";
        requests.computeIfAbsent(new RequestKey(method, route, label), key -> new LongAdder()).increment();
        requestDurations.record(nanos);
    }

    public void reconcilerPass(Pass kind, long nanos, boolean failed) {
        passes.get(kind).increment();
        passNanos.get(kind).add(nanos);
        if (failed) {
            failedPasses.get(kind).increment();
        }
    }

    /** A rollout began: a new release, a scale, a restart. */
    public void deployStarted() {
        deploysStarted.increment();
    }

    public void deployFailed() {
        deploysFailed.increment();
    }

    /** A release's first rollout ended: it serves (true) or it failed. */
    public void releaseEnded(boolean deployed) {
        (deployed ? releasesDeployed : releasesFailed).increment();
    }

    public void logLinesReceived(LogSource source, int count) {
        linesReceived.get(source).add(count);
    }

    public void logLinesStored(int count) {
        linesStored.add(count);
    }

    /** Lines not kept: for an app that no longer exists, or a write that failed. */
    public void logLinesDropped(int count) {
        linesDropped.add(count);
    }

    public void drainLinesSent(int count) {
        drainLinesSent.add(count);
    }

    /** Lines a drain could not take (its buffer full, its receiver down): what its L10 lines tell. */
    public void drainLinesMissed(long count) {
        drainLinesMissed.add(count);
    }

    void writeTo(PrometheusText out) {
        out.family("paas_controller_http_requests_total", "counter",
                "API requests answered, by method, route (the API's template) and status class.");
        Map<String, Map.Entry<RequestKey, LongAdder>> sorted = new TreeMap<>();
        requests.entrySet().forEach(e -> sorted.put(e.getKey().route() + ' ' + e.getKey().method() + ' '
                + e.getKey().statusClass(), e));
        for (Map.Entry<RequestKey, LongAdder> e : sorted.values()) {
            out.sample("paas_controller_http_requests_total", e.getValue().sum(), "method", e.getKey().method(),
                    "route", e.getKey().route(), "status", e.getKey().statusClass());
        }
        out.single("paas_controller_http_requests_in_flight", "gauge",
                "API requests being answered now (open log and route streams included).", inFlight.sum());
        out.family("paas_controller_http_request_duration_seconds", "histogram",
                "Time from an API request to the end of its answer (a stream counts until it closes).");
        requestDurations.writeTo(out, "paas_controller_http_request_duration_seconds");

        out.family("paas_controller_reconciler_passes_total", "counter",
                "Reconciler passes: full (every app against one list of the engine) or one app.");
        passes.forEach((kind, n) -> out.sample("paas_controller_reconciler_passes_total", n.sum(), "kind", label(kind)));
        out.family("paas_controller_reconciler_pass_seconds_total", "counter", "Time spent in reconciler passes.");
        passNanos.forEach((kind, n) -> out.sample("paas_controller_reconciler_pass_seconds_total", n.sum() / 1e9,
                "kind", label(kind)));
        out.family("paas_controller_reconciler_failed_passes_total", "counter",
                "Reconciler passes that failed (the engine or the database away); they are tried again.");
        failedPasses.forEach((kind, n) -> out.sample("paas_controller_reconciler_failed_passes_total", n.sum(),
                "kind", label(kind)));

        out.single("paas_controller_deploys_started_total", "counter",
                "Rollouts started: of a new release, a scale, a restart.", deploysStarted.sum());
        out.single("paas_controller_deploys_failed_total", "counter", "Rollouts that failed.", deploysFailed.sum());
        out.family("paas_controller_releases_total", "counter",
                "Releases whose first rollout ended, by result (deployed or failed).");
        out.sample("paas_controller_releases_total", releasesDeployed.sum(), "result", "deployed");
        out.sample("paas_controller_releases_total", releasesFailed.sum(), "result", "failed");

        out.family("paas_controller_log_lines_received_total", "counter",
                "Log lines given to the apps' logs, by source (app output, router, platform).");
        linesReceived.forEach((source, n) -> out.sample("paas_controller_log_lines_received_total", n.sum(),
                "source", label(source)));
        out.single("paas_controller_log_lines_stored_total", "counter", "Log lines written to the apps' logs.",
                linesStored.sum());
        out.single("paas_controller_log_lines_dropped_total", "counter",
                "Log lines not kept: for no app (destroyed since) or a write that failed.", linesDropped.sum());
        out.single("paas_controller_drain_lines_sent_total", "counter", "Log lines delivered to log drains.",
                drainLinesSent.sum());
        out.single("paas_controller_drain_lines_missed_total", "counter",
                "Log lines log drains missed (buffer full or receiver down), as their L10 lines tell.",
                drainLinesMissed.sum());
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static <K extends Enum<K>> Map<K, LongAdder> adders(Class<K> keys) {
        Map<K, LongAdder> map = new EnumMap<>(keys);
        for (K key : keys.getEnumConstants()) {
            map.put(key, new LongAdder());
        }
        return map;
    }
}
