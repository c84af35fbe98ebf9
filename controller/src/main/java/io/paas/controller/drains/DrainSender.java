package io.paas.controller.drains;

import io.paas.controller.logs.LogLine;
import io.paas.controller.prometheus.ControllerMetrics;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One drain's sender: a bounded queue that {@link #offer} fills without ever waiting, and a thread
 * of its own that empties it into the transport. While the receiver is down (a connection or a
 * send failed) lines are not held: they are dropped and counted until an attempt, after a back-off
 * doubling from 250 ms to the settings' maximum, succeeds; so are lines that find the queue full.
 * What was dropped is told in the app's log as Heroku does, once the drain works again and every
 * report interval while it does not: "Error L10 (output buffer overflow): N messages dropped since TIME".
 */
final class DrainSender {
    private static final Logger LOG = Logger.getLogger(DrainSender.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(250);

    private final DrainTarget target;
    private final DrainTransport transport;
    private final DrainSettings settings;
    private final Consumer<String> report;
    private final ControllerMetrics metrics;
    private final BlockingQueue<LogLine> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile Instant droppedSince;
    private volatile boolean down;
    private volatile boolean stopped;

    /** report writes a platform line into the drain's app's log. */
    DrainSender(DrainTarget target, DrainTransport transport, DrainSettings settings, Consumer<String> report,
                ControllerMetrics metrics) {
        this.metrics = metrics;
        this.target = target;
        this.transport = transport;
        this.settings = settings;
        this.report = report;
        this.queue = new ArrayBlockingQueue<>(settings.buffer());
        this.thread = new Thread(this::run, "drain-" + target.token());
        thread.setDaemon(true);
    }

    DrainTarget target() {
        return target;
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
    }

    /** Never waits: a line that cannot be queued now is dropped and counted. */
    void offer(List<LogLine> lines) {
        if (down) {
            drop(lines.size());
            return;
        }
        int refused = 0;
        for (LogLine line : lines) {
            if (!queue.offer(line)) {
                refused++;
            }
        }
        drop(refused);
    }

    private void drop(long count) {
        if (count > 0) {
            metrics.drainLinesMissed(count);
        }
        if (count > 0 && dropped.getAndAdd(count) == 0) {
            droppedSince = Instant.now();
        }
    }

    private void run() {
        Duration retry = FIRST_RETRY;
        Instant lastReport = Instant.now();
        boolean failing = false;
        List<LogLine> batch = new ArrayList<>();
        while (!stopped) {
            try {
                transport.open();
                down = false;
                take(batch);
                if (!batch.isEmpty()) {
                    transport.send(batch);
                    metrics.drainLinesSent(batch.size());
                    batch.clear();
                    retry = FIRST_RETRY;
                    // only a delivery proves the drain works again (an HTTPS "open" reaches nothing)
                    if (failing && dropped.get() > 0) {
                        lastReport = report();
                    }
                    failing = false;
                }
                if (dropped.get() > 0 && due(lastReport)) {
                    lastReport = report();
                }
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                LOG.debugf("drain %s of app %d: %s", target.token(), target.appId(), e.getMessage());
                failing = true;
                transport.close();
                down = true;
                drop(batch.size() + queue.drainTo(new ArrayList<>()));
                batch.clear();
                if (dropped.get() > 0 && due(lastReport)) {
                    lastReport = report();
                }
                try {
                    Thread.sleep(retry.toMillis());
                } catch (InterruptedException stop) {
                    break;
                }
                retry = min(retry.multipliedBy(2), settings.retryMax());
            }
        }
        transport.close();
    }

    /** Up to a batch: waits a second for the first line, then the transport's linger for more. */
    private void take(List<LogLine> batch) throws InterruptedException {
        LogLine first = queue.poll(1, TimeUnit.SECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(transport.lingerMillis());
        while (batch.size() < transport.batch()) {
            queue.drainTo(batch, transport.batch() - batch.size());
            long left = until - System.nanoTime();
            if (batch.size() >= transport.batch() || left <= 0) {
                return;
            }
            LogLine next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private boolean due(Instant lastReport) {
        return !Instant.now().isBefore(lastReport.plus(settings.reportEvery()));
    }

    private Instant report() {
        Instant since = droppedSince;
        long count = dropped.getAndSet(0);
        if (count > 0) {
            report.accept("Error L10 (output buffer overflow): " + count + " messages dropped since "
                    + (since == null ? Instant.now() : since).truncatedTo(ChronoUnit.MILLIS));
        }
        return Instant.now();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
