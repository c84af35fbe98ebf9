package io.paas.controller.routes;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which generation of the route table each router has applied. A deploy waits here before it
 * stops old containers, so that no router still sends requests to them.
 */
@ApplicationScoped
public class RouterAcks {
    /** A router that has not acked for this long is taken as gone and not waited for. */
    private static final Duration STALE = Duration.ofSeconds(30);

    private record Ack(long generation, Instant at) {
    }

    private final Map<String, Ack> acks = new ConcurrentHashMap<>();

    public void ack(String router, long generation) {
        acks.merge(router, new Ack(generation, Instant.now()),
                (old, now) -> now.generation >= old.generation ? now : new Ack(old.generation, now.at));
        synchronized (this) {
            notifyAll();
        }
    }

    /** Routers that acked recently. */
    public Map<String, Long> live() {
        Instant cutoff = Instant.now().minus(STALE);
        Map<String, Long> live = new java.util.TreeMap<>();
        acks.forEach((router, ack) -> {
            if (ack.at.isAfter(cutoff)) {
                live.put(router, ack.generation);
            }
        });
        return live;
    }

    /** Waits until every live router applied at least this generation; false on timeout. */
    public boolean awaitAll(long generation, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (live().values().stream().anyMatch(g -> g < generation)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    wait(Math.max(1, Math.min(left / 1_000_000, 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }
}
