package io.paas.builder.build;

import io.paas.builder.metrics.BuilderMetrics;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * At most N builds at once, in the order the pushes came: a build container may take 1.5 CPUs and
 * 2 GB, so two on a 2-core machine only slow each other (and the apps) down. A waiting push says
 * how many builds are ahead of it whenever that changes, and every 20 s while it does not, so that
 * neither the user nor a proxy between them takes the silence for a hang.
 */
public class BuildQueue implements BuildRunner {
    private static final Duration HEARTBEAT = Duration.ofSeconds(20);

    private final BuildRunner runner;
    private final int slots;
    private final BuilderMetrics metrics;
    private final Deque<Object> waiting = new ArrayDeque<>();
    private int running;
    private boolean paused;

    public BuildQueue(BuildRunner runner, int slots) {
        this(runner, slots, new BuilderMetrics());
    }

    /** metrics: where each build's end and time are counted. */
    public BuildQueue(BuildRunner runner, int slots, BuilderMetrics metrics) {
        if (slots < 1) {
            throw new IllegalArgumentException("at least one build must be able to run");
        }
        this.runner = runner;
        this.slots = slots;
        this.metrics = metrics;
    }

    @Override
    public void build(BuildRequest request, BuildOutput out) throws BuildFailure {
        awaitTurn(out);
        long started = System.nanoTime();
        boolean succeeded = false;
        try {
            runner.build(request, out);
            succeeded = true;
        } finally {
            metrics.buildEnded(succeeded, System.nanoTime() - started);
            synchronized (this) {
                running--;
                notifyAll();
            }
        }
    }

    /** Builds running now. */
    public synchronized int running() {
        return running;
    }

    /**
     * Runs work once no build runs, and starts none until it has ended; pushes meanwhile wait in the queue.
     * For the registry's garbage collection: a layer a build is pushing is named by no manifest yet, and would go.
     */
    public void whileIdle(Runnable work) throws InterruptedException {
        synchronized (this) {
            while (paused || running > 0) {
                wait();
            }
            paused = true;
        }
        try {
            work.run();
        } finally {
            synchronized (this) {
                paused = false;
                notifyAll();
            }
        }
    }

    /** Pushes waiting for their turn now. */
    public synchronized int queued() {
        return waiting.size();
    }

    private void awaitTurn(BuildOutput out) throws BuildFailure {
        Object ticket = new Object();
        long started = System.nanoTime();
        synchronized (this) {
            waiting.addLast(ticket);
        }
        int said = -1;
        long lastSaid = 0;
        while (true) {
            int ahead;
            synchronized (this) {
                if (waiting.peekFirst() == ticket && running < slots && !paused) {
                    waiting.removeFirst();
                    running++;
                    notifyAll();
                    break;
                }
                ahead = ahead(ticket);
            }
            // lines go out without the queue's lock: a slow client must not hold up other pushes
            long now = System.nanoTime();
            if (ahead != said) {
                out.line(said < 0 ? "-----> Waiting for " + builds(ahead) + " ahead of this one"
                        : "       " + builds(ahead) + " ahead now (waited " + seconds(now - started) + ")");
                said = ahead;
                lastSaid = now;
            } else if (now - lastSaid >= HEARTBEAT.toNanos()) {
                out.line("       Still waiting: " + builds(ahead) + " ahead (waited " + seconds(now - started) + ")");
                lastSaid = now;
            }
            synchronized (this) {
                try {
                    if (!(waiting.peekFirst() == ticket && running < slots && !paused) && ahead(ticket) == ahead) {
                        wait(HEARTBEAT.toMillis());
                    }
                } catch (InterruptedException e) {
                    waiting.remove(ticket);
                    notifyAll();
                    Thread.currentThread().interrupt();
                    throw new BuildFailure("the builder is stopping: push again");
                }
            }
        }
        if (said >= 0) {
            out.line("       Waited " + seconds(System.nanoTime() - started) + " for the build queue");
        }
    }

    private static String builds(int n) {
        return n + " build" + (n == 1 ? "" : "s");
    }

    /** Builds that run or wait before this ticket, less the slots that will be free for it. */
    private int ahead(Object ticket) {
        int before = 0;
        for (Object other : waiting) {
            if (other == ticket) {
                break;
            }
            before++;
        }
        return Math.max(1, running + before - (slots - 1));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
