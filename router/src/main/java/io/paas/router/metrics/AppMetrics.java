package io.paas.router.metrics;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one app, updated from every event loop without locks (LongAdder stripes per thread). */
public final class AppMetrics {
    /** Latency bucket upper bounds in seconds, Prometheus-style; the last bucket is +Inf. */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final long[] BUCKET_NANOS = new long[BUCKETS.length];

    static {
        for (int i = 0; i < BUCKETS.length; i++) {
            BUCKET_NANOS[i] = (long) (BUCKETS[i] * 1e9);
        }
    }

    private final String app;
    private final LongAdder[] byStatusClass = adders(5);
    private final LongAdder[] latencyBuckets = adders(BUCKETS.length + 1);
    private final LongAdder latencySumNanos = new LongAdder();
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
        int bucket = 0;
        while (bucket < BUCKET_NANOS.length && durationNanos > BUCKET_NANOS[bucket]) {
            bucket++;
        }
        latencyBuckets[bucket].increment();
        latencySumNanos.add(durationNanos);
    }

    /** A connection to one of the app's endpoints was refused, reset or timed out. */
    public void upstreamError() {
        upstreamErrors.increment();
    }

    long requests(int statusClassIndex) {
        return byStatusClass[statusClassIndex].sum();
    }

    long bucket(int index) {
        return latencyBuckets[index].sum();
    }

    double latencySumSeconds() {
        return latencySumNanos.sum() / 1e9;
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
