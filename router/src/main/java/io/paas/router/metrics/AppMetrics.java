package io.paas.router.metrics;

import io.paas.client.prometheus.DurationHistogram;
import io.paas.client.prometheus.PrometheusText;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one app, updated from every event loop without locks (LongAdder stripes per thread). */
public final class AppMetrics {
    private final String app;
    private final LongAdder[] byStatusClass = adders(5);
    private final DurationHistogram latency = new DurationHistogram(DurationHistogram.REQUEST_SECONDS);
    private final LongAdder upstreamErrors = new LongAdder();

    AppMetrics(String app) {
        this.app = app;
    }

    public String app() {
        return app;
    }

    public void request(int status, long durationNanos) {
        int statusClass = status / 100 - 1;
        byStatusClass[statusClass < 0 || statusClass > 4 ? 4 : statusClass].increment();
        latency.record(durationNanos);
    }

    /** A connection to one of the app's endpoints was refused, reset or timed out. */
    public void upstreamError() {
        upstreamErrors.increment();
    }

    long requests(int statusClassIndex) {
        return byStatusClass[statusClassIndex].sum();
    }

    void writeLatency(PrometheusText out, String name) {
        latency.writeTo(out, name, "app", app);
    }

    long upstreamErrors() {
        return upstreamErrors.sum();
    }

    private static LongAdder[] adders(int count) {
        LongAdder[] adders = new LongAdder[count];
        for (int i = 0; i < count; i++) {
            adders[i] = new LongAdder();
        }
        return adders;
    }
}
