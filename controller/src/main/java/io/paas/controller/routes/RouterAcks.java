package io.paas.controller.routes;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which generation of the route table each router has applied. A deploy waits here before it
 * stops old containers, so that no router still sends requests to them. Routers that were live
 * before a controller restart are expected to acknowledge again: the generations of a restarted
 * controller are new to them.
 */
@ApplicationScoped
public class RouterAcks {
    /** A router that has not acked for this long is taken as gone and not waited for. */
    static final Duration STALE = Duration.ofSeconds(30);

    private record Ack(long generation, Instant at) {
    }

    private final RouterRegistry registry;
    private final Map<String, Ack> acks = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    public RouterAcks(RouterRegistry registry) {
        this.registry = registry;
    }

    public void ack(String router, long generation) {
        Instant now = Instant.now();
        load();
        Ack merged = acks.merge(router, new Ack(generation, now),
                (old, fresh) -> fresh.generation >= old.generation ? fresh : new Ack(old.generation, fresh.at));
        registry.save(router, merged.generation, now);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Routers that acked recently, with the generation they applied. */
    public Map<String, Long> live() {
        load();
        Instant cutoff = Instant.now().minus(STALE);
        Map<String, Long> live = new TreeMap<>();
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

    /** The routers seen before this controller started; they must acknowledge this controller's tables. */
    private void load() {
        if (loaded) {
            return;
        }
        synchronized (this) {
            if (!loaded) {
                for (RouterRecord record : registry.seenSince(Instant.now().minus(STALE))) {
                    acks.putIfAbsent(record.id, new Ack(-1, record.seenAt));
                }
                loaded = true;
            }
        }
    }
}
