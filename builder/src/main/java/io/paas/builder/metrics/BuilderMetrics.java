package io.paas.builder.metrics;

import io.paas.client.prometheus.DurationHistogram;
import io.paas.client.prometheus.PrometheusText;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The builder's own counters, for the operator's Prometheus (MetricsPort); counted from any thread without locks. */
public final class BuilderMetrics {
    /** How a push came. */
    public enum Transport { HTTP, SSH }

    private final Map<Transport, LongAdder> pushes = new EnumMap<>(Transport.class);
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final DurationHistogram durations = new DurationHistogram(DurationHistogram.TASK_SECONDS);

    public BuilderMetrics() {
        for (Transport transport : Transport.values()) {
            pushes.put(transport, new LongAdder());
        }
    }

    /** A push's pack was received (its build, if any, comes next). */
    public void push(Transport transport) {
        pushes.get(transport).increment();
    }

    /** A build ended after nanos of running (its wait in the queue left out). */
    public void buildEnded(boolean success, long nanos) {
        (success ? succeeded : failed).increment();
        durations.record(nanos);
    }

    /** The counters; running and queued are the queue's to say (gauges of now). */
    public void writeTo(PrometheusText out, int running, int queued) {
        out.single("paas_builder_builds_running", "gauge", "Builds running now.", running);
        out.single("paas_builder_builds_queued", "gauge", "Pushes waiting for a build slot (PAAS_BUILD_CONCURRENCY).", queued);
        out.family("paas_builder_builds_total", "counter", "Builds that ended, by result (succeeded or failed).");
        out.sample("paas_builder_builds_total", succeeded.sum(), "result", "succeeded");
        out.sample("paas_builder_builds_total", failed.sum(), "result", "failed");
        out.family("paas_builder_build_duration_seconds", "histogram",
                "Time a build ran, from its turn to its release or failure (the wait in the queue left out).");
        durations.writeTo(out, "paas_builder_build_duration_seconds");
        out.family("paas_builder_git_pushes_total", "counter", "Pushes received (their pack read), by transport (http or ssh).");
        pushes.forEach((transport, n) -> out.sample("paas_builder_git_pushes_total", n.sum(),
                "transport", transport.name().toLowerCase(Locale.ROOT)));
    }
}
