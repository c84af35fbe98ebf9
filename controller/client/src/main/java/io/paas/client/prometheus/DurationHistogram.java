package io.paas.client.prometheus;

import java.util.concurrent.atomic.LongAdder;

/** Durations counted into Prometheus-style buckets, from any thread without locks (LongAdder stripes per thread). */
public final class DurationHistogram {
    /** Request latencies: 1 ms to 30 s. */
    public static final double[] REQUEST_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    /** Builds and deploys: 1 s to 30 min. */
    public static final double[] TASK_SECONDS = {1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800};

    private final double[] bounds;
    private final long[] boundNanos;
    private final LongAdder[] buckets;
    private final LongAdder sumNanos = new LongAdder();

    public DurationHistogram(double[] bounds) {
        this.bounds = bounds.clone();
        this.boundNanos = new long[bounds.length];
        for (int i = 0; i < bounds.length; i++) {
            boundNanos[i] = (long) (bounds[i] * 1e9);
        }
        this.buckets = new LongAdder[bounds.length + 1];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    public void record(long nanos) {
        int bucket = 0;
        while (bucket < boundNanos.length && nanos > boundNanos[bucket]) {
            bucket++;
        }
        buckets[bucket].increment();
        sumNanos.add(nanos);
    }

    public long count() {
        long count = 0;
        for (LongAdder bucket : buckets) {
            count += bucket.sum();
        }
        return count;
    }

    /** The histogram's samples (the family's HELP and TYPE are the caller's). */
    public void writeTo(PrometheusText out, String name, String... labels) {
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
        }
        out.histogram(name, bounds, counts, sumNanos.sum() / 1e9, labels);
    }
}
