package io.paas.controller.metrics;

/**
 * One app's requests in one minute, as the routers reported them: counts by status class and a
 * latency histogram (buckets doubling from 1 ms) for p50 and p99. A few hundred bytes, whatever the
 * number of requests.
 */
final class MinuteStats {
    /** Bucket i holds latencies below 2^i ms (the last one: everything above). */
    private static final int BUCKETS = 24;

    final int[] byClass = new int[5];
    private final int[] latency = new int[BUCKETS];
    private int count;

    synchronized void add(int status, long millis) {
        int statusClass = status / 100;
        if (statusClass >= 1 && statusClass <= 5) {
            byClass[statusClass - 1]++;
        }
        int bucket = 0;
        while (bucket < BUCKETS - 1 && millis >= (1L << bucket)) {
            bucket++;
        }
        latency[bucket]++;
        count++;
    }

    synchronized int count() {
        return count;
    }

    /** The latency below which that fraction of the minute's requests fell: the upper edge of its bucket, in ms. */
    synchronized int percentile(double fraction) {
        long wanted = (long) Math.ceil(count * fraction);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += latency[i];
            if (seen >= wanted && seen > 0) {
                return (int) (1L << i);
            }
        }
        return 0;
    }

    synchronized int[] classes() {
        return byClass.clone();
    }
}
